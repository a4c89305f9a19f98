/*
 * The contract between the platform and a specialist system that takes its cases. An adapter (the folder
 * hand-off shipped here; FIT-Connect or xdomea elsewhere) receives a package that is complete and valid,
 * and says whether it arrived. Format: README.md in this folder.
 */

/** Name and version of the package format; a receiving system checks both before it reads anything else. */
export const exportFormat = { name: 'applications.case-export', version: 1 } as const;

/** A file of the package: the receipt or an upload, its bytes checked against the SHA-256 the manifest names. */
export interface PackageFile {
  /** Where the file lies in the package, relative to its root (`files/…`). */
  path: string;
  content: Buffer;
}

/** One case, ready to hand over: `case.json`, `answers.schema.json` and the files, each under its path. */
export interface CasePackage {
  caseId: string;
  reference: string;
  formatVersion: number;
  /** `case.json`, as the manifest is written. */
  manifest: CaseManifest;
  /** `answers.schema.json`: the JSON Schema (2020-12) the manifest's answers were validated against. */
  answersSchema: Record<string, unknown>;
  files: PackageFile[];
}

/** What a specialist system answers: arrived (maybe earlier, for the same case and format version), or not. */
export type DeliveryResult =
  | { ok: true; location: string; receiptId: string; alreadyDelivered: boolean }
  /** `retry`: whether trying again later may succeed (a full disk may clear; a refusal of the content will not). */
  | { ok: false; reason: string; retry: boolean };

/**
 * A specialist system's side of the hand-off. `deliver` is idempotent for the same case and format version:
 * a package that already arrived is answered with its location and `alreadyDelivered`, never a second copy.
 * Expected failures come back as results; an exception counts as a failure worth retrying.
 */
export interface CaseExporter {
  /** Short and stable, recorded with each attempt (`folder`, `fit-connect`). */
  name: string;
  deliver(pkg: CasePackage): Promise<DeliveryResult>;
}

/** `case.json`: what the case holds, in the format's words. README.md describes each field. */
export interface CaseManifest {
  format: { name: string; version: number };
  exportedAt: string;
  authority: { name: string };
  case: { id: string; reference: string; status: string; channel: string; submittedAt: string; updatedAt: string; closedAt: string | null };
  form: { key: string; version: number; title: Record<string, string>; procedure: string | null; fields: ManifestField[] };
  service: { slug: string; title: string | null; leikaKey: string | null } | null;
  office: { id: string; title: string | null };
  applicant: Record<string, unknown>;
  answersSchema: string;
  answers: Record<string, unknown>;
  files: ManifestFile[];
}

/** A question of the form: where its answer lies in `answers` (JSON Pointer, `*` for each row of a group) and its FIM id. */
export interface ManifestField {
  pointer: string;
  type: string;
  label: string;
  fim?: string;
}

export interface ManifestFile {
  role: 'receipt' | 'upload';
  path: string;
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  /** The answers that name an upload, as JSON Pointers. */
  answers: string[];
}

/** The entries of a package in the order a folder or an archive takes them: files first, `case.json` last. */
export function packageEntries(pkg: CasePackage): PackageFile[] {
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return [...pkg.files, { path: 'answers.schema.json', content: json(pkg.answersSchema) }, { path: 'case.json', content: json(pkg.manifest) }];
}
