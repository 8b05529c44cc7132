import type { Translate } from '../../i18n/translate.ts';
import { SNIPPET_START, SNIPPET_STOP } from '../../notices/redact.ts';

/** The markers of redacted text, and the ends of markers a snippet may have cut off. */
const PIECES = new RegExp(`(${SNIPPET_START}[^${SNIPPET_STOP}]*${SNIPPET_STOP}|\\[?private\\]|\\[not actioned\\]|\\[?actioned\\])`, 'g');

/**
 * Renders redacted text: each marker as a visible, labelled mark in the reader's language, and
 * (in snippets) the words a search matched as highlighted. The text itself is escaped like any
 * other; nothing in it is read as markup.
 */
export function MarkedText({ text, t }: { text: string; t: Translate }) {
  const parts = text.split(PIECES);
  return (
    <>
      {parts.map((part, index) => {
        if (index % 2 === 0) return part;
        if (part.startsWith(SNIPPET_START)) return <mark key={index}><MarkedText text={part.slice(1, -1)} t={t} /></mark>;
        const kind = part.includes('private') ? 'private' : 'not-actioned';
        return (
          <span key={index} class={`redacted redacted-${kind}`} title={t(`notices-marker-${kind}-explained`)}>
            {t(`notices-marker-${kind}`)}
          </span>
        );
      })}
    </>
  );
}
