/**
 * Input errors that GraphQL itself finds before a resolver runs — an unknown enum value, an Int
 * that is not one, a variable of the wrong type — answered like the resolvers' own validation:
 * code BAD_USER_INPUT and `field`, the argument path (e.g. "layers" or "filter.kinds").
 */
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.ENUM, Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.LIST, Kind.OBJECT]);

type Ancestor = ASTNode | readonly ASTNode[];

/** The argument path from the nearest field (or directive) down to a node, from its ancestors and parent. */
function argumentPath(ancestors: readonly Ancestor[], parent: Ancestor | undefined, node: ASTNode): string | null {
  const names: string[] = [];
  for (const a of [...ancestors, ...(parent ? [parent] : []), node]) {
    if (Array.isArray(a) || !('kind' in a)) continue;
    const n = a;
    if (n.kind === Kind.FIELD || n.kind === Kind.DIRECTIVE) names.length = 0;
    else if (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD) names.push(n.name.value);
  }
  return names.length > 0 ? names.join('.') : null;
}

/** The argument path of the literal value starting at `start`. */
function literalPath(document: DocumentNode, start: number): string | null {
  let found: string | null = null;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (found === null && node.loc?.start === start && VALUE_KINDS.has(node.kind)) found = argumentPath(ancestors, parent, node);
    },
  });
  return found;
}

/** The argument path where variable `$name` is used (its first use). */
function variablePath(document: DocumentNode, name: string): string | null {
  let found: string | null = null;
  visit(document, {
    Variable(node, _key, parent, _path, ancestors) {
      if (found === null && node.name.value === name) found = argumentPath(ancestors, parent, node);
    },
  });
  return found;
}

/** The same error with BAD_USER_INPUT and the field, or the error unchanged when it is not about an argument value. */
function asInputError(error: GraphQLError, document: DocumentNode): GraphQLError {
  const variable = /^Variable "\$(\w+)" (?:got invalid value|of (?:required|non-null) type)/.exec(error.message)?.[1];
  const node = error.nodes?.[0];
  let field: string | null = null;
  if (variable) {
    // `at "f.layers[0]"` names where inside the variable's value the problem is.
    const inside = /got invalid value .* at "([^"]+)"/.exec(error.message)?.[1]?.replace(/\[\d+\]/g, '').split('.').slice(1) ?? [];
    field = [variablePath(document, variable) ?? variable, ...inside].join('.');
  }
  else if (node && VALUE_KINDS.has(node.kind) && node.loc) field = literalPath(document, node.loc.start);
  if (field === null) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', field },
  });
}

function mapErrors(errors: readonly unknown[], document: DocumentNode): unknown[] {
  return errors.map((e) => (e instanceof GraphQLError ? asInputError(e, document) : e));
}

export function useInputErrors(): Plugin {
  return {
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(mapErrors(result, params.documentAST as DocumentNode));
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as ExecutionResult;
          if (r.errors && r.errors.length > 0 && r.data === undefined) setResult({ ...r, errors: mapErrors(r.errors, args.document as DocumentNode) as GraphQLError[] });
        },
      };
    },
  };
}
