import { Layout, type PageContext } from '../layout.tsx';

/** A public page that says, in the reader's language, what was wrong with the address asked for. */
export function TransparencyErrorPage({ context, title, message }: { context: PageContext; title: string; message: string }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={title}>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href={`/${lang}/transparency`}>{t('transparency-back')}</a>
      </p>
    </Layout>
  );
}
