// Validate casefiles against the casefile JSON Schema with ajv in strict mode (draft 2020-12).
// Usage: node validate.mjs SCHEMA FILE... ; prints a JSON array of {file, valid, errors}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const results = files.map((file) => {
  const valid = validate(JSON.parse(readFileSync(file, "utf8")));
  return { file, valid, errors: validate.errors ?? [] };
});
console.log(JSON.stringify(results));
