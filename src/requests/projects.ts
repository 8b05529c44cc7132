/** Derives the project a URL belongs to from its host: `https://en.m.wikipedia.org/wiki/X` is `en.wikipedia.org`. */
export function projectOfUrl(raw: string): string {
  const host = new URL(raw).hostname.toLowerCase().replace(/\.$/, '');
  // The mobile front door (`xx.m.project.org`) serves the same project as the plain host.
  const labels = host.split('.');
  if (labels.length > 2 && labels[1] === 'm') labels.splice(1, 1);
  return labels.join('.');
}

/** Whether a project name is a plausible host name (the form projects take in the report). */
export function isProjectName(value: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(value);
}
