// Validate a casefile from JavaScript: the published JSON Schema with ajv (draft 2020-12,
// strict mode), then part of what the schema cannot check. Quote offsets count Unicode code
// points, so the quote's length is Array.from(exact).length, never exact.length (UTF-16 units);
// given the documents folder, each document's SHA-256 and each quote's words at its offsets are
// checked too. References and ids, the rest of the integrity layer, are left to `casefile
// validate`.
//
// Run, with ajv installed in a node_modules folder beside the script or above it (copy the
// script into your own project after `npm install ajv` there; Node's module imports do not
// read NODE_PATH), and the schema written by `casefile schema`:
//
//     casefile schema > casefile.schema.json
//     node examples/validate.mjs casefile.schema.json FILE [DOCUMENTS]
//
// Prints "FILE: valid" or one line per problem (JSON Pointer, message, code); exit status 0
// valid, 1 problems found, 2 used wrongly.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

/** Schema problems, in ajv's words, each at its JSON Pointer. */
function schemaProblems(validate, casefile) {
  if (validate(casefile)) return [];
  return validate.errors.map(
    (error) => `${error.instancePath || "(document)"}: ${error.message} [schema-${error.keyword}]`,
  );
}

/** A document path that stays inside the documents folder; anything else is never read. */
function isSafe(path) {
  return !isAbsolute(path) && !path.includes("\\") && !path.split("/").includes("..");
}

/** Each document's text as an array of code points, by id, where its digest matches. */
function documentTexts(casefile, folder, problems) {
  const texts = new Map();
  (casefile.documents ?? []).forEach((document, i) => {
    if (!isSafe(document.path)) {
      problems.push(`/documents/${i}/path: leaves the documents folder [unsafe-path]`);
      return;
    }
    let bytes;
    try {
      bytes = readFileSync(join(folder, document.path));
    } catch (error) {
      problems.push(`/documents/${i}/path: cannot read it (${error.code}) [unreadable-document]`);
      return;
    }
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (digest !== document.sha256) {
      problems.push(`/documents/${i}/sha256: the file's SHA-256 is ${digest} [digest-mismatch]`);
      return;
    }
    try {
      // ignoreBOM keeps a byte-order mark as a code point, as casefile counts it.
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      texts.set(document.id, Array.from(text));
    } catch {
      problems.push(`/documents/${i}/path: the file is not UTF-8 text [invalid-utf8]`);
    }
  });
  return texts;
}

/** Quotes whose offsets do not span their words, or whose words are not at their offsets. */
function quoteProblems(casefile, texts, problems) {
  (casefile.attributions ?? []).forEach((attribution, i) => {
    const { document, exact, start, end } = attribution.quote;
    const length = Array.from(exact).length;
    if (end - start !== length) {
      problems.push(
        `/attributions/${i}/quote/end: offsets ${start}-${end} span ${end - start} code points ` +
          `but the quote has ${length} [quote-length-mismatch]`,
      );
      return;
    }
    const text = texts.get(document);
    if (text !== undefined && text.slice(start, end).join("") !== exact) {
      problems.push(
        `/attributions/${i}/quote/exact: the document has other words at ${start}-${end} ` +
          "[quote-mismatch]",
      );
    }
  });
}

const [schemaPath, filePath, folder] = process.argv.slice(2);
if (filePath === undefined) {
  console.error("usage: node validate.mjs SCHEMA FILE [DOCUMENTS]");
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true, allErrors: true });
// The schema's own annotation keywords, declared so that strict mode accepts them.
ajv.addKeyword({ keyword: "x-casefile-refers-to", schemaType: "array" });
ajv.addKeyword({ keyword: "x-casefile-competing", schemaType: "boolean" });
ajv.addKeyword({ keyword: "x-casefile-accounts", schemaType: "boolean" });
ajv.addKeyword({ keyword: "x-casefile-sensitive", schemaType: "boolean" });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const casefile = JSON.parse(readFileSync(filePath, "utf8"));

// Integrity checks need the right shape, so they run only when the schema passes.
const problems = schemaProblems(validate, casefile);
if (problems.length === 0) {
  const texts = folder === undefined ? new Map() : documentTexts(casefile, folder, problems);
  quoteProblems(casefile, texts, problems);
}
if (problems.length === 0) {
  console.log(`${filePath}: valid`);
} else {
  console.log(`${filePath}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const problem of problems) console.log(`  ${problem}`);
}
process.exit(problems.length === 0 ? 0 : 1);
