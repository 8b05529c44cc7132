import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

const staff = {} as Record<'admin' | 'editor' | 'reviewer', StaffLogin>;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ').replace(/ : /g, ': ');
const year = new Date().getUTCFullYear() - 1;

/** The chart's SVG on a page, if any. */
function chartOf(html: string): string | undefined {
  return /<svg aria-labelledby="awareness-chart-title"[\s\S]*?<\/svg>/.exec(html)?.[0];
}

describe('awareness survey results, from the console to the chart and its table', () => {
  const suite = useServer({
    prepare: async (db) => {
      staff.admin = await createStaffLogin(db, 'admin');
      staff.editor = await createStaffLogin(db, 'editor');
      staff.reviewer = await createStaffLogin(db, 'reviewer');
    },
  });
  const add = (fields: Record<string, string>, login = staff.editor, lang = 'en') => postForm(`${suite.server.url}/console/awareness`, login, fields, { headers: { 'accept-language': lang } });

  it('says there are no results yet, and refuses a role without site:edit', async () => {
    const home = await (await fetch(`${suite.server.url}/en/`)).text();
    assert.match(home, /No survey result has been entered yet\./);
    assert.equal(chartOf(home), undefined);
    const denied = await add({ country: 'DE', year: String(year), share: '50' }, staff.reviewer);
    assert.equal(denied.status, 403);
    await denied.arrayBuffer();
  });

  it('charts the results entered, on the server, followed by their table, in each language', async () => {
    for (const [country, when, share, sample] of [['DE', year - 1, '70.5', '1200'], ['DE', year, '72', ''], ['BR', year, '47.3', '980']] as const) {
      const response = await add({ country, year: String(when), share, sample_size: sample, source: 'Test panel' });
      assert.equal(response.status, 303, `${country} ${when}`);
      assert.equal(response.headers.get('location'), '/console/awareness?done=added');
    }
    const home = await (await fetch(`${suite.server.url}/en/`)).text();
    const chart = chartOf(home);
    assert.ok(chart, 'the home page has the chart');
    assert.match(chart, /<title id="awareness-chart-title">Share of internet users who have heard of the projects, by country and year<\/title>/);
    assert.match(chart, /<path[^>]*d="M/, 'lines are drawn');
    assert.ok(home.indexOf('id="awareness-table"') > home.indexOf('awareness-chart-title'), 'the table follows the chart');
    assert.match(home, /<td class="num" data-share="BR:\d+">47\.3%<\/td>/);
    assert.match(home, new RegExp(`data-share="DE:${year}">72\\.0%<`));
    assert.match(home, new RegExp(`data-share="BR:${year - 1}">—<`));
    assert.doesNotMatch(home, /<script/);

    const spanish = await (await fetch(`${suite.server.url}/es/awareness`)).text();
    assert.match(spanish, /data-share="BR:\d+">47,3\u00a0%</);
    assert.match(text(spanish), /Brasil/);
    assert.match(spanish, /<td class="num">1200<\/td>/);
    assert.ok(chartOf(spanish));
    const arabic = await (await fetch(`${suite.server.url}/ar/awareness`)).text();
    assert.match(text(arabic), /البرازيل/);
  });

  it('refuses bad input with a 400 in the reader’s language, and stores nothing', async () => {
    const bad = await add({ country: 'XX', year: '1850', share: '101.5', sample_size: 'many' }, staff.editor, 'es');
    assert.equal(bad.status, 400);
    const body = text(await bad.text());
    assert.match(body, /country: «XX» no es un código de país/);
    assert.match(body, /year: debe ser un año entre 1990 y \d{4}/);
    assert.match(body, /share: debe ser un porcentaje de 0 a 100 con un decimal como máximo/);
    assert.match(body, /sample_size: debe ser un número entero de personas/);
    const twice = await add({ country: 'BR', year: String(year), share: '10' }, staff.editor, 'ar');
    assert.equal(twice.status, 400);
    assert.match(text(await twice.text()), /للبلد BR نتيجة مسجلة لسنة/);
    const list = await (await getPage(`${suite.server.url}/console/awareness`, staff.editor)).text();
    assert.equal(list.match(/data-survey=/g)?.length, 3);
    assert.doesNotMatch(list, /data-survey="XX/);
    const home = await (await fetch(`${suite.server.url}/en/`)).text();
    assert.match(home, new RegExp(`data-share="BR:${year}">47\\.3%<`));
  });

  it('changes and deletes a result, and the pages follow at once', async () => {
    const list = await (await getPage(`${suite.server.url}/console/awareness`, staff.editor)).text();
    const brazil = new RegExp(`data-survey="BR:${year}"[\\s\\S]*?href="/console/awareness/(\\d+)"`).exec(list)![1]!;
    const edited = await postForm(`${suite.server.url}/console/awareness/${brazil}`, staff.editor, { country: 'BR', year: String(year), share: '51,4', sample_size: '990', source: 'Test panel' });
    assert.equal(edited.status, 303);
    assert.match(await (await fetch(`${suite.server.url}/en/`)).text(), new RegExp(`data-share="BR:${year}">51\\.4%<`));
    const badEdit = await postForm(`${suite.server.url}/console/awareness/${brazil}`, staff.editor, { country: 'BR', year: String(year), share: 'half' }, { headers: { 'accept-language': 'ar' } });
    assert.equal(badEdit.status, 400);
    assert.match(text(await badEdit.text()), /share: يجب أن تكون نسبة مئوية/);
    const deleted = await postForm(`${suite.server.url}/console/awareness/${brazil}/delete`, staff.editor, {});
    assert.equal(deleted.status, 303);
    const home = await (await fetch(`${suite.server.url}/en/`)).text();
    assert.doesNotMatch(home, /data-share="BR:/);
    assert.match(home, new RegExp(`data-share="DE:${year}">72\\.0%<`));
    const missing = await getPage(`${suite.server.url}/console/awareness/${brazil}`, staff.editor);
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  });

  it('records each change in the audit log, with what a deleted result said', async () => {
    const audit = text(await (await getPage(`${suite.server.url}/console/audit`, staff.admin)).text());
    for (const action of ['awareness.added', 'awareness.edited', 'awareness.deleted']) assert.match(audit, new RegExp(action.replace('.', '\\.')), action);
  });
});
