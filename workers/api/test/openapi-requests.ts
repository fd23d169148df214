/**
 * Requests built from an OpenAPI 3.1 document: a plausible, valid request for any operation (path
 * parameters given, required query parameters and the body sampled from the schemas' examples,
 * defaults, enums and types), so table-driven tests can call every operation the API declares.
 */

export type Schema = Record<string, unknown> & { $ref?: string };
export type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string; name?: string; in?: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")];
  if (!target) throw new Error(`unresolvable ${schema.$ref}`);
  return resolve(doc, target);
}

/** A value the schema accepts: its example, default or first enum value, else one built from its type. */
export function sample(doc: OpenApiDocument, raw: Schema): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const union of ["anyOf", "oneOf"] as const) {
    const options = schema[union] as Schema[] | undefined;
    if (options) return sample(doc, options.find((o) => resolve(doc, o).type !== "null") ?? (options[0] as Schema));
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sample(doc, s)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(doc, value)]));
    }
    case "array":
      return Number(schema.minItems ?? 0) > 0 ? [sample(doc, schema.items as Schema)] : [];
    case "integer":
    case "number":
      return Number(schema.minimum ?? 1);
    case "boolean":
      return true;
    case "string":
      if (schema.format === "binary") return new File(["%PDF-1.4\n%%EOF\n"], "sample.pdf", { type: "application/pdf" });
      if (schema.format === "email") return "someone@example.test";
      if (schema.format === "uri" || schema.format === "url") return "https://example.com/page";
      return "sample".padEnd(Number(schema.minLength ?? 0), "x");
    default:
      return {};
  }
}

/** `[url, init]` for the operation with these path parameters; `body` overrides the sampled JSON body. */
export function sampleRequest(
  doc: OpenApiDocument,
  o: { method: string; path: string; op: Operation },
  ids: Record<string, string>,
  body?: unknown,
): [string, RequestInit] {
  let url = o.path;
  for (const [param, id] of Object.entries(ids)) url = url.replace(`{${param}}`, encodeURIComponent(id));
  const query = new URLSearchParams();
  for (const p of o.op.parameters ?? []) {
    if (p.in === "query" && p.required && p.name && p.schema) query.set(p.name, String(sample(doc, p.schema)));
  }
  if (query.size) url += `?${query}`;
  const init: RequestInit = { method: o.method.toUpperCase() };
  const content = o.op.requestBody?.content;
  if (content?.["application/json"] || body !== undefined) {
    init.body = JSON.stringify(body ?? sample(doc, content?.["application/json"]?.schema ?? {}));
    init.headers = { "content-type": "application/json" };
  } else if (content?.["multipart/form-data"]) {
    const form = new FormData();
    const fields = sample(doc, content["multipart/form-data"].schema ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) form.set(key, value instanceof File ? value : String(value));
    init.body = form;
  }
  return [url, init];
}
