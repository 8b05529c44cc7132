import type { NoticeView } from '../../notices/presenter.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { valueLabel } from './notices.tsx';
import { MarkedText } from './notices-text.tsx';
import { BilingualHeading, message } from '../bilingual-heading.tsx';

function day(context: PageContext, value: string | null) {
  if (!value) return context.t('notices-value-unknown');
  return <time dateTime={value}>{new Intl.DateTimeFormat(context.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value))}</time>;
}

/** `/{lang}/notices/{reference}`: one published notice, its permalink. */
export function NoticePage({ context, notice }: { context: PageContext; notice: NoticeView }) {
  const { t, lang } = context;
  const requester = [valueLabel(context, 'requester_type', notice.requester.type), valueLabel(context, 'country', notice.requester.country)];
  return (
    <Layout context={context} title={`${notice.reference}: ${notice.title.replace(/\[private\]/g, t('notices-marker-private')).replace(/\[not actioned\]/g, t('notices-marker-not-actioned'))}`}>
      <p>
        <a href={`/${lang}/notices`}>{t('notices-back')}</a>
      </p>
      <h1>
        <MarkedText text={notice.title} t={t} />
      </h1>
      <dl class="facts">
        <dt>{t('notices-fact-reference')}</dt>
        <dd dir="ltr">{notice.reference}</dd>
        <dt>{t('notices-field-kind')}</dt>
        <dd>
          {valueLabel(context, 'kind', notice.kind)}
          {notice.category ? ` — ${valueLabel(context, 'category', notice.category)}` : ''}
        </dd>
        <dt>{t('notices-field-outcome')}</dt>
        <dd>{valueLabel(context, 'outcome', notice.outcome)}</dd>
        <dt>{t('notices-fact-requester')}</dt>
        <dd>
          {notice.requester.organization ? <>{notice.requester.organization} — </> : null}
          {requester.join(', ')}
        </dd>
        <dt>{t('notices-facet-project')}</dt>
        <dd>{notice.projects.length > 0 ? <span dir="ltr">{notice.projects.join(', ')}</span> : t('notices-value-unknown')}</dd>
        <dt>{t('notices-fact-received')}</dt>
        <dd>{day(context, notice.received_on)}</dd>
        <dt>{t('notices-fact-decided')}</dt>
        <dd>{day(context, notice.decided_on)}</dd>
        <dt>{t('notices-fact-published')}</dt>
        <dd>{day(context, notice.published_at.slice(0, 10))}</dd>
      </dl>
      <BilingualHeading context={context} text={message('notices-text-title')} />
      <p>{t('notices-markers-legend')}</p>
      <div class="notice-text" dir="auto">
        <MarkedText text={notice.body} t={t} />
      </div>
      {notice.targets.length > 0 ? (
        <>
          <BilingualHeading context={context} text={message('notices-targets-title')} />
          <ul class="targets">
            {notice.targets.map((target, index) => (
              <li key={index} dir="ltr">
                <MarkedText text={target} t={t} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="permalink">
        {t('notices-permalink')} <code dir="ltr">{`/${lang}/notices/${notice.reference}`}</code>
      </p>
    </Layout>
  );
}

/** A notice that was published and then withdrawn: its permalink stays, and says so (410 Gone). */
export function NoticeWithdrawnPage({ context, reference, withdrawnAt }: { context: PageContext; reference: string; withdrawnAt: Date }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('notices-withdrawn-title')}>
      <BilingualHeading context={context} level={1} text={message('notices-withdrawn-title')} />
      <div class="notice" role="status">
        <p>{t('notices-withdrawn-text', reference)}</p>
        <p>{day(context, withdrawnAt.toISOString().slice(0, 10))}</p>
      </div>
      <p>
        <a href={`/${lang}/notices`}>{t('notices-back')}</a>
      </p>
    </Layout>
  );
}

/** No published notice has this reference (404). */
export function NoticeMissingPage({ context, reference }: { context: PageContext; reference: string }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('notices-missing-title')}>
      <BilingualHeading context={context} level={1} text={message('notices-missing-title')} />
      <p>{t('notices-error-not-found', reference)}</p>
      <p>
        <a href={`/${lang}/notices`}>{t('notices-back')}</a>
      </p>
    </Layout>
  );
}
