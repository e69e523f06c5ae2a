// `media` and `media orphans`: what media take, and the removal of stored files no row knows.
import { parseOptions, type Command } from '../command.ts';

const size = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MB`
      : bytes >= 1024
        ? `${(bytes / 1024).toFixed(1)} kB`
        : `${bytes} B`;

export const mediaUsage: Command = {
  summary: 'What media take: attachments, uploads not posted, profile pictures, stored files',
  help: [
    'Usage: npm run cli -- media',
    '',
    'Counts the media rows by kind (attachments of statuses, uploads not posted with a status,',
    'avatars and headers) with the size of their original file (of the upload, while it is',
    'processing), and lists the storage (disk or S3, as MEDIA_STORAGE says) for its files',
    'and bytes. Stored files that no row knows are orphans: see `media orphans`.',
  ].join('\n'),
  async run(app, args, print) {
    parseOptions(args, {});
    const usage = await app.services.media.usage();
    print(`Attachments: ${usage.attachments.count} (${size(usage.attachments.bytes)})`);
    print(`Uploads not posted: ${usage.unattached.count} (${size(usage.unattached.bytes)})`);
    print(`Profile pictures: ${usage.profileImages.count}`);
    print(`Stored files (${app.config.media.storage}): ${usage.stored.files} (${size(usage.stored.bytes)})`);
  },
};

export const mediaOrphans: Command = {
  summary: 'Remove stored media files that no row refers to (--dry-run to only list them)',
  help: [
    'Usage: npm run cli -- media orphans [--dry-run]',
    '',
    'Lists the storage and removes every file that no media row, profile or release queue refers',
    'to and that is older than an hour (a file is stored before its row commits). Files of deleted',
    'statuses and accounts are removed by the worker already; orphans come from crashes between',
    'the two, restores of old backups or files copied in by hand. --dry-run reports without removing.',
  ].join('\n'),
  async run(app, args, print) {
    const { values } = parseOptions(args, { 'dry-run': { type: 'boolean' } });
    const report = await app.services.media.removeOrphans({ dryRun: values['dry-run'] === true });
    const what = `${report.orphans} orphaned files (${size(report.bytes)}) among ${report.checked}`;
    print(report.removed ? `Removed ${what}.` : `Found ${what}; nothing removed (--dry-run).`);
    for (const key of report.examples) print(`  ${key}`);
    if (report.orphans > report.examples.length)
      print(`  … and ${report.orphans - report.examples.length} more`);
  },
};
