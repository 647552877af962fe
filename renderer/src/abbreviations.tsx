/** Abbreviations from the field, expanded on hover (abbr) and listed in a glossary for everyone else. */
import { Fragment, type ReactNode } from 'react';

export const glossary: Record<string, string> = {
  CIN: 'Child in need',
  CPP: 'Child protection plan',
  CLA: 'Child looked after (a child in care)',
  EET: 'Education, employment or training',
  EHCP: 'Education, health and care plan',
  ICPC: 'Initial child protection conference',
  PEP: 'Personal education plan',
  SEND: 'Special educational needs and/or disabilities',
};

// A trailing "s" is allowed so "PEPs" still expands; word boundaries stop "SEND" matching inside "SENDER".
const pattern = new RegExp(`\\b(${Object.keys(glossary).join('|')})(?=s?\\b)`, 'g');

/** Text with every known abbreviation wrapped in <abbr title="…">. */
export function WithAbbreviations({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <abbr key={at} title={glossary[word]}>
        {word}
      </abbr>,
    );
    last = at + word.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <Fragment>{parts}</Fragment>;
}

export function Glossary(): ReactNode {
  return (
    <details className="glossary">
      <summary>Abbreviations used in this clinic</summary>
      <dl>
        {Object.entries(glossary).map(([short, long]) => (
          <div key={short} className="glossary__item">
            <dt>{short}</dt>
            <dd>{long}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
