import fs from 'node:fs';

/**
 * The fields of /proc/PID/stat (proc_pid_stat(5)) from the third on (state, ppid, …, utime is
 * [11], stime [12]), and the command name: the name may hold spaces, so the fields are read after
 * its closing parenthesis. Throws when the process is gone.
 */
export function procStat(pid: number | string): { command: string; fields: string[] } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const close = stat.lastIndexOf(')');
  return { command: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/** The direct children of a process, or only those running `command`. */
export function childrenOf(pid: number, command?: string): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = procStat(entry);
      if ((command === undefined || stat.command === command) && Number(stat.fields[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

/** The Node.js children of a process (the workers of `candor serve --workers N`). */
export function nodeChildren(pid: number): number[] {
  return childrenOf(pid, 'node');
}
