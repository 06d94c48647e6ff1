// Validate casefiles against the casefile JSON Schema with ajv in strict mode (draft 2020-12).
// Usage: node validate.mjs SCHEMA FILE... ; prints {"warnings": [...], "results": [{file, valid,
// errors}]} as JSON. Strict mode refuses keywords it does not know: the schema's two annotation
// keywords are declared here, as any tool that compiles the schema with ajv must declare them.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const warnings = [];
const collect = (...args) => warnings.push(args.map(String).join(" "));
const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  logger: { log: () => {}, warn: collect, error: collect },
});
ajv.addKeyword({ keyword: "x-casefile-refers-to", schemaType: "array" });
ajv.addKeyword({ keyword: "x-casefile-competing", schemaType: "boolean" });
ajv.addKeyword({ keyword: "x-casefile-accounts", schemaType: "boolean" });
ajv.addKeyword({ keyword: "x-casefile-sensitive", schemaType: "boolean" });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const results = files.map((file) => {
  const valid = validate(JSON.parse(readFileSync(file, "utf8")));
  return { file, valid, errors: validate.errors ?? [] };
});
console.log(JSON.stringify({ warnings, results }));
