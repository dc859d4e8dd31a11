/**
 * A small evaluator for the subset of Jira expressions the app's workflow rules use, so the sandbox's Jira
 * can run a `jira:workflowCondition` the way Jira Cloud would: member access (`a.b`, `a?.b`, `a['b']`),
 * `==`, `!=`, `&&`, `||`, `!`, parentheses, `null`, `true`, `false` and string literals, over context
 * variables such as `user` and `issue`.
 *
 * Anything outside that subset (numbers, `>`, `+`, method calls, arrow functions, `let`, template literals,
 * `===`, ...) is a {@link JiraExpressionError} with its position, raised when the expression is parsed, so a
 * rule the sandbox cannot evaluate faithfully fails loudly instead of quietly evaluating to true. Evaluation is
 * strict like Jira's type checker: an unknown variable or property, a property of `null` without `?.`, a
 * non-Boolean operand of `&&`, `||` or `!`, and comparing two objects or lists (other than with `null`) are
 * errors, never `true`.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-expressions/
 */
/**
 * An entity's properties as Jira expressions see them (`issue.properties['key']`): any key may be asked for,
 * and one that is not set is null rather than an error.
 */
export class JiraEntityProperties {
  constructor(private readonly values: ReadonlyMap<string, unknown>) {}
  get(key: string): unknown {
    return this.values.get(key) ?? null;
  }
}

export class JiraExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JiraExpressionError';
  }
}

type Token =
  | { kind: 'ident'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'op'; value: '==' | '!=' | '&&' | '||' | '!' | '.' | '?.' | '(' | ')' | '[' | ']'; at: number };

export type JiraExpression =
  | { kind: 'literal'; value: string | boolean | null }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; object: JiraExpression; property: string; optional: boolean }
  | { kind: 'not'; operand: JiraExpression }
  | { kind: 'binary'; op: '==' | '!=' | '&&' | '||'; left: JiraExpression; right: JiraExpression };

const unsupported = (source: string, at: number, what: string): JiraExpressionError =>
  new JiraExpressionError(
    `${what} at position ${at} of "${source}" is not supported by the sandbox's Jira expression evaluator`,
  );

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    const three = source.slice(i, i + 3);
    if (three === '===' || three === '!==') throw unsupported(source, i, `'${three}'`);
    if (two === '==' || two === '!=' || two === '&&' || two === '||') {
      tokens.push({ kind: 'op', value: two, at: i });
      i += 2;
      continue;
    }
    if (two === '?.') {
      tokens.push({ kind: 'op', value: '?.', at: i });
      i += 2;
      continue;
    }
    if (c === '!' || c === '.' || c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ kind: 'op', value: c, at: i });
      i += 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= source.length)
          throw new JiraExpressionError(`Unterminated string starting at position ${start} of "${source}"`);
        const d = source[i]!;
        if (d === c) break;
        if (d === '\\') {
          const e = source[i + 1];
          if (e === undefined)
            throw new JiraExpressionError(`Unterminated string starting at position ${start} of "${source}"`);
          const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
          const mapped = escapes[e];
          if (mapped === undefined) throw unsupported(source, i, `The escape '\\${e}'`);
          value += mapped;
          i += 2;
          continue;
        }
        value += d;
        i += 1;
      }
      tokens.push({ kind: 'string', value, at: start });
      i += 1;
      continue;
    }
    const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', value: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    throw unsupported(source, i, `'${c}'`);
  }
  return tokens;
}

const KEYWORDS = new Set([
  'let',
  'new',
  'typeof',
  'return',
  'function',
  'this',
  'undefined',
  'in',
  'instanceof',
  'var',
  'const',
]);

/** Parses an expression of the supported subset; throws {@link JiraExpressionError} for anything else. */
export function parseJiraExpression(source: string): JiraExpression {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (t: Token | undefined, value: string): boolean => t?.kind === 'op' && t.value === value;
  const describe = (t: Token | undefined): string => (t ? `'${t.value}'` : 'the end');

  function primary(): JiraExpression {
    const t = peek();
    if (!t) throw new JiraExpressionError(`Unexpected end of "${source}"`);
    if (t.kind === 'string') {
      pos += 1;
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'ident') {
      pos += 1;
      if (t.value === 'null') return { kind: 'literal', value: null };
      if (t.value === 'true' || t.value === 'false') return { kind: 'literal', value: t.value === 'true' };
      if (KEYWORDS.has(t.value)) throw unsupported(source, t.at, `'${t.value}'`);
      return { kind: 'variable', name: t.value };
    }
    if (isOp(t, '(')) {
      pos += 1;
      const inner = or();
      if (!isOp(peek(), ')'))
        throw new JiraExpressionError(
          `Expected ')' at position ${peek()?.at ?? source.length} of "${source}", found ${describe(peek())}`,
        );
      pos += 1;
      return inner;
    }
    throw new JiraExpressionError(`Unexpected ${describe(t)} at position ${t.at} of "${source}"`);
  }

  function postfix(): JiraExpression {
    let node = primary();
    for (;;) {
      const t = peek();
      if (isOp(t, '.') || isOp(t, '?.')) {
        const optional = isOp(t, '?.');
        pos += 1;
        const next = peek();
        if (optional && isOp(next, '[')) {
          node = { kind: 'member', object: node, property: computed(), optional: true };
          continue;
        }
        if (next?.kind !== 'ident')
          throw new JiraExpressionError(
            `Expected a property name after '${t!.value}' at position ${t!.at} of "${source}"`,
          );
        pos += 1;
        node = { kind: 'member', object: node, property: next.value, optional };
        continue;
      }
      if (isOp(t, '[')) {
        node = { kind: 'member', object: node, property: computed(), optional: false };
        continue;
      }
      if (isOp(t, '(')) throw unsupported(source, t!.at, 'A function or method call');
      return node;
    }
  }

  /** `[ 'name' ]`: computed member access with a string literal only. */
  function computed(): string {
    const open = peek()!;
    pos += 1;
    const key = peek();
    if (key?.kind !== 'string')
      throw unsupported(source, key?.at ?? open.at, 'A computed member that is not a string literal');
    pos += 1;
    if (!isOp(peek(), ']'))
      throw new JiraExpressionError(`Expected ']' at position ${peek()?.at ?? source.length} of "${source}"`);
    pos += 1;
    return key.value;
  }

  function unary(): JiraExpression {
    if (isOp(peek(), '!')) {
      pos += 1;
      return { kind: 'not', operand: unary() };
    }
    return postfix();
  }

  function equality(): JiraExpression {
    const left = unary();
    const t = peek();
    if (isOp(t, '==') || isOp(t, '!=')) {
      pos += 1;
      const right = unary();
      if (isOp(peek(), '==') || isOp(peek(), '!=')) throw unsupported(source, peek()!.at, 'A chained comparison');
      return { kind: 'binary', op: (t as { value: '==' | '!=' }).value, left, right };
    }
    return left;
  }

  function and(): JiraExpression {
    let left = equality();
    while (isOp(peek(), '&&')) {
      pos += 1;
      left = { kind: 'binary', op: '&&', left, right: equality() };
    }
    return left;
  }

  function or(): JiraExpression {
    let left = and();
    while (isOp(peek(), '||')) {
      pos += 1;
      left = { kind: 'binary', op: '||', left, right: and() };
    }
    return left;
  }

  const ast = or();
  const rest = peek();
  if (rest) throw new JiraExpressionError(`Unexpected ${describe(rest)} at position ${rest.at} of "${source}"`);
  return ast;
}

type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'List';
  return typeof v === 'object' ? 'Object' : typeof v;
}

/**
 * Evaluates a parsed expression against context variables (e.g. `{ user, issue }`). Objects are plain JSON
 * objects; a property they do not have is an error, as an unknown field is in Jira.
 */
export function evaluateJiraExpression(expr: JiraExpression, context: Readonly<Record<string, unknown>>): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'variable':
      if (!Object.hasOwn(context, expr.name)) throw new JiraExpressionError(`Unknown context variable '${expr.name}'`);
      return context[expr.name] ?? null;
    case 'member': {
      const object = evaluateJiraExpression(expr.object, context);
      if (object === null || object === undefined) {
        if (expr.optional) return null;
        throw new JiraExpressionError(
          `Cannot read property '${expr.property}' of null (use '?.' where a value may be missing)`,
        );
      }
      if (object instanceof JiraEntityProperties) return object.get(expr.property);
      if (typeof object !== 'object' || Array.isArray(object)) {
        throw new JiraExpressionError(
          `Property '${expr.property}' of a ${typeName(object)} is not supported by the sandbox's evaluator`,
        );
      }
      if (!Object.hasOwn(object, expr.property)) throw new JiraExpressionError(`Unknown property '${expr.property}'`);
      return (object as Record<string, unknown>)[expr.property] ?? null;
    }
    case 'not': {
      const v = evaluateJiraExpression(expr.operand, context);
      if (typeof v !== 'boolean') throw new JiraExpressionError(`'!' needs a Boolean, got ${typeName(v)}`);
      return !v;
    }
    case 'binary': {
      if (expr.op === '&&' || expr.op === '||') {
        const left = evaluateJiraExpression(expr.left, context);
        if (typeof left !== 'boolean')
          throw new JiraExpressionError(`'${expr.op}' needs Booleans, got ${typeName(left)}`);
        if (expr.op === '&&' ? !left : left) return left;
        const right = evaluateJiraExpression(expr.right, context);
        if (typeof right !== 'boolean')
          throw new JiraExpressionError(`'${expr.op}' needs Booleans, got ${typeName(right)}`);
        return right;
      }
      const left = evaluateJiraExpression(expr.left, context);
      const right = evaluateJiraExpression(expr.right, context);
      // A null check works on anything; otherwise only values (not objects or lists) are compared.
      if (left === null || right === null) return expr.op === '==' ? left === right : left !== right;
      if (!isPrimitive(left) || !isPrimitive(right)) {
        throw new JiraExpressionError(
          `Comparing a ${typeName(left)} with a ${typeName(right)} is not supported by the sandbox's evaluator; compare their ids`,
        );
      }
      return expr.op === '==' ? left === right : left !== right;
    }
  }
}
