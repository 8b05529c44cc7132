import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStatement } from './validate-statement.ts';

const good = () => ({
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
  decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
  illegal_content_legal_ground: 'Copyright law',
  illegal_content_explanation: 'The page reproduced a protected work.',
  content_type: ['CONTENT_TYPE_TEXT'],
  category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  content_date: '2026-02-01',
  application_date: '2026-02-03',
  decision_facts: 'A copyright notice was granted after review.',
  source_type: 'SOURCE_ARTICLE_16',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  puid: 'candor-CR-2026-000001',
});

/** Each rule, broken once: the change, and the field the validator must name. */
const BROKEN: [string, (s: Record<string, unknown>) => void, string][] = [
  ['no restriction at all', (s) => delete s.decision_visibility, 'decision_visibility'],
  ['an empty visibility list and nothing else', (s) => (s.decision_visibility = []), 'decision_visibility'],
  ['an unknown visibility', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_HIDDEN']), 'decision_visibility'],
  ['other visibility without saying which', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_OTHER']), 'decision_visibility_other'],
  ['an unknown monetary restriction', (s) => (s.decision_monetary = 'DECISION_MONETARY_FINE'), 'decision_monetary'],
  ['other monetary restriction without saying which', (s) => (s.decision_monetary = 'DECISION_MONETARY_OTHER'), 'decision_monetary_other'],
  ['an unknown provision restriction', (s) => (s.decision_provision = 'DECISION_PROVISION_SOME'), 'decision_provision'],
  ['an unknown account restriction', (s) => (s.decision_account = 'DECISION_ACCOUNT_BANNED'), 'decision_account'],
  ['an unknown account type', (s) => (s.account_type = 'ACCOUNT_TYPE_ROBOT'), 'account_type'],
  ['no ground', (s) => delete s.decision_ground, 'decision_ground'],
  ['an unknown ground', (s) => (s.decision_ground = 'DECISION_GROUND_DISLIKED'), 'decision_ground'],
  ['illegal content without its legal ground', (s) => delete s.illegal_content_legal_ground, 'illegal_content_legal_ground'],
  ['a legal ground over 500 characters', (s) => (s.illegal_content_legal_ground = 'x'.repeat(501)), 'illegal_content_legal_ground'],
  ['illegal content without its explanation', (s) => delete s.illegal_content_explanation, 'illegal_content_explanation'],
  ['an explanation over 2000 characters', (s) => (s.illegal_content_explanation = 'x'.repeat(2001)), 'illegal_content_explanation'],
  ['incompatible content without its contractual ground', (s) => Object.assign(s, { decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_explanation: 'Spam.' }), 'incompatible_content_ground'],
  ['incompatible content without its explanation', (s) => Object.assign(s, { decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_ground: 'Terms of use, section 4' }), 'incompatible_content_explanation'],
  ['incompatible content with a bad answer to "is it illegal"', (s) => Object.assign(s, { decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_ground: 'Terms', incompatible_content_explanation: 'Spam.', incompatible_content_illegal: 'Maybe' }), 'incompatible_content_illegal'],
  ['a reference URL that is not one', (s) => (s.decision_ground_reference_url = 'see our terms'), 'decision_ground_reference_url'],
  ['no content type', (s) => delete s.content_type, 'content_type'],
  ['content type as text, not a list', (s) => (s.content_type = 'CONTENT_TYPE_TEXT'), 'content_type'],
  ['an unknown content type', (s) => (s.content_type = ['CONTENT_TYPE_HOLOGRAM']), 'content_type'],
  ['other content type without saying which', (s) => (s.content_type = ['CONTENT_TYPE_OTHER']), 'content_type_other'],
  ['no category', (s) => delete s.category, 'category'],
  ['a category by its label instead of its constant', (s) => (s.category = 'Intellectual property infringements'), 'category'],
  ['an unknown additional category', (s) => (s.category_addition = ['STATEMENT_CATEGORY_RUDENESS']), 'category_addition'],
  ['a territorial scope outside the EEA', (s) => (s.territorial_scope = ['DE', 'US']), 'territorial_scope'],
  ['no content date', (s) => delete s.content_date, 'content_date'],
  ['a content date in another format', (s) => (s.content_date = '01/02/2026'), 'content_date'],
  ['a content date before 2000', (s) => (s.content_date = '1999-12-31'), 'content_date'],
  ['an application date that does not exist', (s) => (s.application_date = '2026-02-30'), 'application_date'],
  ['an application date with the hour (the old format)', (s) => (s.application_date = '2026-02-03-12'), 'application_date'],
  ['an application date before 2020', (s) => (s.application_date = '2019-12-31'), 'application_date'],
  ['no application date', (s) => delete s.application_date, 'application_date'],
  ['no facts', (s) => delete s.decision_facts, 'decision_facts'],
  ['facts over 5000 characters', (s) => (s.decision_facts = 'x'.repeat(5001)), 'decision_facts'],
  ['no source type', (s) => delete s.source_type, 'source_type'],
  ['an unknown source type', (s) => (s.source_type = 'SOURCE_RUMOUR'), 'source_type'],
  ['a source identity over 500 characters', (s) => (s.source_identity = 'x'.repeat(501)), 'source_identity'],
  ['no automated detection', (s) => delete s.automated_detection, 'automated_detection'],
  ['automated detection as a boolean', (s) => (s.automated_detection = false), 'automated_detection'],
  ['no automated decision', (s) => delete s.automated_decision, 'automated_decision'],
  ['automated decision as Yes/No (the old form)', (s) => (s.automated_decision = 'No'), 'automated_decision'],
  ['no puid', (s) => delete s.puid, 'puid'],
  ['a puid with a space and a slash', (s) => (s.puid = 'CR 2026/1'), 'puid'],
  ['a puid over 500 characters', (s) => (s.puid = 'a'.repeat(501)), 'puid'],
  ['a field the API does not have', (s) => (s.requester_name = 'A. Person'), 'requester_name'],
];

describe('statement of reasons validator', () => {
  it('accepts a complete statement, and the other restrictions and grounds in their allowed forms', () => {
    assert.deepEqual(validateStatement(good()), []);
    const account = { ...good(), decision_visibility: undefined, decision_account: 'DECISION_ACCOUNT_SUSPENDED' };
    delete account.decision_visibility;
    assert.deepEqual(validateStatement(account), []);
    const incompatible: Record<string, unknown> = { ...good(), decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_ground: 'Terms of use, section 4', incompatible_content_explanation: 'Spam.', incompatible_content_illegal: 'No' };
    delete incompatible.illegal_content_legal_ground;
    delete incompatible.illegal_content_explanation;
    assert.deepEqual(validateStatement(incompatible), []);
    assert.deepEqual(validateStatement({ ...good(), territorial_scope: ['DE', 'NO'], decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'Blurred', content_type: ['CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_TEXT'] }), []);
  });

  for (const [rule, breakIt, field] of BROKEN) {
    it(`refuses ${rule}, naming ${field}`, () => {
      const statement: Record<string, unknown> = good();
      breakIt(statement);
      const issues = validateStatement(statement);
      assert.ok(issues.length >= 1, 'at least one problem');
      assert.deepEqual([...new Set(issues.map((issue) => issue.field))], [field]);
    });
  }
});
