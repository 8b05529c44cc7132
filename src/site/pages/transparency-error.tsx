import { BilingualHeading, message as catalogMessage } from '../bilingual-heading.tsx';
import { Layout, type PageContext } from '../layout.tsx';

/** A public page that says, in the reader's language, what was wrong with the address asked for; `titleKey` names its title's message. */
export function TransparencyErrorPage({ context, titleKey, message }: { context: PageContext; titleKey: string; message: string }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t(titleKey)}>
      <BilingualHeading context={context} level={1} text={catalogMessage(titleKey)} />
      <p role="alert">{message}</p>
      <p>
        <a href={`/${lang}/transparency`}>{t('transparency-back')}</a>
      </p>
    </Layout>
  );
}
