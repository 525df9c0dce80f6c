/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the model's zod schemas
 * with zod 4's `z.toJSONSchema` (JSON Schema draft 2020-12, which OpenAPI 3.1 uses). Named schemas
 * become `components.schemas` and are referenced with `$ref`; path and query parameters are inlined.
 * Dates are reduced-precision ISO 8601 strings; the generator cannot see that through the
 * preprocessing step, so their format is stated in each description.
 */
import { z } from 'zod';
import { PAGE_HEADERS, type RouteDoc } from './route-kit.js';

type Json = Record<string, unknown>;

const OPTS = { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' } as const;

/** JSON Schema of one parameter schema (optional wrapper removed). */
function paramSchema(s: z.ZodType): { schema: Json; required: boolean; description?: string } {
  const required = !s.safeParse(undefined).success;
  const json = z.toJSONSchema(s, OPTS) as Json;
  delete json.$schema;
  const description = typeof json.description === 'string' ? json.description : undefined;
  return { schema: json, required, description };
}

/** Keys and schemas of an object schema (empty for anything else). */
function shapeOf(s: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!s) return {};
  const shape = (s as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ?? {};
}

/**
 * Build the document from `routes`; `components` are the named schemas routes refer to by name.
 * Every route gets the shared error responses (`Error` schema).
 */
export function buildOpenApi(routes: readonly RouteDoc[], components: Record<string, z.ZodType>): Json {
  const reg = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(components)) reg.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(reg, { ...OPTS, uri: (id: string) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  const nameOf = new Map<z.ZodType, string>(Object.entries(components).map(([n, s]) => [s, n]));
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: Json[] = [];
    for (const [name, s] of Object.entries(shapeOf(r.params))) {
      const { schema, description } = paramSchema(s);
      parameters.push({ name, in: 'path', required: true, schema, ...(description ? { description } : {}) });
    }
    for (const [name, s] of Object.entries(shapeOf(r.query))) {
      const { schema, required, description } = paramSchema(s);
      parameters.push({ name, in: 'query', required, schema, ...(description ? { description } : {}) });
    }
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[/:.{}-]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.resource],
      'x-accord-action': r.action,
      'x-accord-resource': r.resource,
      'x-accord-gate': r.gate,
      parameters,
    };
    if (r.body) {
      const name = nameOf.get(r.body);
      const schema = name ? ref(name) : (() => {
        const j = z.toJSONSchema(r.body!, OPTS) as Json;
        delete j.$schema;
        return j;
      })();
      op.requestBody = { required: true, content: { 'application/json': { schema } } };
    }
    const res = r.response;
    const content = res.contentType
      ? { [res.contentType]: { schema: { type: 'string' } } }
      : { 'application/json': { schema: res.schema ? (res.list ? { type: 'array', items: ref(res.schema) } : ref(res.schema)) : { type: 'object' } } };
    op.responses = {
      [String(res.status)]: {
        description: res.description,
        content,
        ...(res.paged
          ? {
              headers: {
                [PAGE_HEADERS.next]: { description: 'cursor of the next page (pass it as `cursor`); absent on the last page', schema: { type: 'string' } },
                [PAGE_HEADERS.total]: { description: 'how many items match the filters (every page)', schema: { type: 'integer' } },
              },
            }
          : {}),
      },
      ...(r.params || r.query || r.body ? { '422': errorResponse('invalid input: the message and `field` name the offending field') } : {}),
      ...(r.params ? { '404': errorResponse('no such process or entity') } : {}),
      ...(r.body ? { '409': errorResponse('conflict with stored state (duplicate id, immutable version, still referred to)'), '413': errorResponse('request body too large') } : {}),
      default: errorResponse('error'),
    };
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '0.1.0',
      description:
        'HTTP API of Accord, a workbench for multi-party peace negotiations. Dates are ISO 8601 with reduced precision allowed (YYYY, YYYY-MM, YYYY-MM-DD). Errors are `{"error":{"code","message","field?","details?"}}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas },
  };
}
