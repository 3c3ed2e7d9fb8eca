/**
 * Input errors that GraphQL itself finds before a resolver runs — an unknown enum value, an Int
 * that is not one, a variable of the wrong type — answered like the resolvers' own validation:
 * code BAD_USER_INPUT, `field`, the argument path (e.g. "layers" or "filter.kinds"), and `issues`.
 */
import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  Kind,
  typeFromAST,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { inputErrorExtensions } from './errors';
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

/** Where inside a variable's value coercion fails: the path graphql-js reports to its onError, indices left out. */
function pathInside(schema: GraphQLSchema, definition: VariableDefinitionNode, value: unknown): string[] {
  const type = typeFromAST(schema, definition.type);
  if (value === undefined || !type || !isInputType(type)) return [];
  let found: string[] | null = null;
  coerceInputValue(value, type, (path) => {
    found ??= path.filter((p): p is string => typeof p === 'string');
  });
  return found ?? [];
}

/**
 * The same error with the input errors' one shape (code BAD_USER_INPUT, `field`, `issues`), or
 * unchanged when it is not about an argument value. What it is about comes from the error's AST
 * node, never its wording: a literal value (found by validation), or — with `variables`, i.e. when
 * execution refused the variables — the definition of the variable whose value does not fit.
 */
function asInputError(error: GraphQLError, document: DocumentNode, variables?: { schema: GraphQLSchema; values: Record<string, unknown> }): GraphQLError {
  const node = error.nodes?.[0];
  let field: string | null = null;
  if (variables && node?.kind === Kind.VARIABLE_DEFINITION) {
    const name = node.variable.name.value;
    field = [variablePath(document, name) ?? name, ...pathInside(variables.schema, node, variables.values[name])].join('.');
  } else if (node && VALUE_KINDS.has(node.kind) && node.loc) field = literalPath(document, node.loc.start);
  if (field === null) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, ...inputErrorExtensions([{ path: field, message: error.message }]) },
  });
}

function mapErrors(errors: readonly unknown[], document: DocumentNode, variables?: { schema: GraphQLSchema; values: Record<string, unknown> }): unknown[] {
  return errors.map((e) => (e instanceof GraphQLError ? asInputError(e, document, variables) : e));
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
          // No data at all: execution stopped before any resolver, which is where the variables are coerced.
          if (r.errors && r.errors.length > 0 && r.data === undefined) {
            const values: unknown = args.variableValues ?? {};
            const variables = { schema: args.schema as GraphQLSchema, values: values as Record<string, unknown> };
            setResult({ ...r, errors: mapErrors(r.errors, args.document as DocumentNode, variables) as GraphQLError[] });
          }
        },
      };
    },
  };
}
