import type { FieldIssue } from '../errors.ts';
import { isStorableText } from '../intake/storable-text.ts';
import { CONTACT_TOPICS, type ContactTopic } from '../requests/model.ts';

/** One field of the contact form; its label is `contact-field-NAME`, its hint `contact-field-NAME-hint`. */
export interface ContactFieldSpec {
  name: 'name' | 'email' | 'topic' | 'message';
  type: 'text' | 'email' | 'select' | 'textarea';
  maxLength: number;
  autocomplete?: string;
}

/** The form's fields, in order: who writes, how to answer them, what about, and what they say. */
export const CONTACT_FIELDS: readonly ContactFieldSpec[] = [
  { name: 'name', type: 'text', maxLength: 200, autocomplete: 'name' },
  { name: 'email', type: 'email', maxLength: 254, autocomplete: 'email' },
  { name: 'topic', type: 'select', maxLength: 20 },
  { name: 'message', type: 'textarea', maxLength: 10_000 },
];

/** A validated message to the desk, ready to become an item of its queue. */
export interface ContactMessage {
  name: string;
  email: string;
  topic: ContactTopic;
  message: string;
  /** The language of the page it was written on: the acknowledgement and replies use it. */
  language: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Reads the contact form as submitted: every field present, within its length, the topic one of
 * the four and the address of the form of one. Problems name catalog messages, in the order of
 * the form, so the page says them in its own language; nothing is stored here.
 */
export function readContactForm(values: Record<string, string | undefined>, language: string): { ok: true; message: ContactMessage } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string, params: (string | number)[] = []) => issues.push({ field, message: code, code, params });
  const read: Record<string, string> = {};
  for (const spec of CONTACT_FIELDS) {
    // Line endings as the browser sends them become one kind; surrounding space is dropped.
    const text = (values[spec.name] ?? '').replace(/\r\n?/g, '\n').trim();
    read[spec.name] = text;
    if (!text) add(spec.name, `contact-missing-${spec.name}`);
    else if (text.length > spec.maxLength) add(spec.name, 'contact-too-long', [spec.maxLength]);
    else if (!isStorableText(text)) add(spec.name, 'contact-invalid-text');
    else if (spec.type !== 'textarea' && text.includes('\n')) add(spec.name, 'contact-one-line');
  }
  const reported = (field: string) => issues.some((issue) => issue.field === field);
  if (!reported('email') && !EMAIL.test(read.email!)) add('email', 'contact-invalid-email', [read.email!.slice(0, 80)]);
  if (!reported('topic') && !(CONTACT_TOPICS as readonly string[]).includes(read.topic!)) add('topic', 'contact-invalid-topic');
  // The problems in the order of the form, as a reader meets the fields.
  const order = (issue: FieldIssue) => CONTACT_FIELDS.findIndex((spec) => spec.name === issue.field);
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => order(a) - order(b)) };
  return { ok: true, message: { name: read.name!, email: read.email!, topic: read.topic as ContactTopic, message: read.message!, language } };
}
