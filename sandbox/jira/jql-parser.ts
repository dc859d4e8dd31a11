/**
 * JQL subset understood by the sandbox.
 *
 *   query     := [ orExpr ] [ ORDER BY sortKey { "," sortKey } ]
 *   orExpr    := andExpr { (OR | "||") andExpr }
 *   andExpr   := notExpr { (AND | "&&") notExpr }
 *   notExpr   := (NOT | "!") notExpr | "(" orExpr ")" | clause
 *   clause    := field operator operand
 *   field     := word | "quoted name" | cf[NNNNN]            (custom fields also as customfield_NNNNN)
 *   operator  := = | != | < | <= | > | >= | ~ | !~ | IN | NOT IN | IS | IS NOT
 *   operand   := value | function | "(" operand { "," operand } ")" | EMPTY | NULL
 *   value     := word | "double" or 'single' quoted string   (backslash escapes the next character)
 *   function  := word "(" [ value { "," value } ] ")"
 *   sortKey   := field [ ASC | DESC ]
 *
 * Fields (see jql-sql.ts for what each operator means): project; key | issue | issuekey | id; parent;
 * status; statusCategory | category; issuetype | type; priority; fixVersion; labels;
 * assignee | reporter | creator; duedate | due; created | createdDate; updated | updatedDate;
 * resolved | resolutiondate; statusCategoryChangedDate; summary; description; comment; text;
 * the app's custom fields by name ("Accountable"), as cf[10101] or customfield_10101.
 * Functions: currentUser(), membersOf("group"), now(), startOfDay([±Nd]), endOfDay([±Nd]),
 * releasedVersions([project]), unreleasedVersions([project]).
 * Dates: "yyyy-mm-dd", "yyyy/mm/dd", "yyyy-mm-dd hh:mm", or a relative offset such as -7d, 2w, -4h, 30m.
 * ORDER BY: key, id, created, updated, duedate, rank, summary, status, priority, resolved.
 * Keywords are case-insensitive. Positions in error messages are 1-based characters, as Jira reports them.
 */

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export interface FieldRef {
  name: string;
  /** Custom field number when written as cf[NNNNN]. */
  cfNumber?: number;
  pos: number;
}

export type Operand =
  | { kind: 'value'; value: string; pos: number }
  | { kind: 'function'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: Operand[]; pos: number }
  | { kind: 'empty'; pos: number };

export type Expr =
  | { kind: 'clause'; field: FieldRef; op: Operator; operand: Operand; pos: number }
  | { kind: 'and'; items: Expr[] }
  | { kind: 'or'; items: Expr[] }
  | { kind: 'not'; expr: Expr };

export interface SortKey {
  field: FieldRef;
  direction: 'ASC' | 'DESC' | null;
}

export interface JqlQuery {
  where: Expr | null;
  orderBy: SortKey[];
}

/** A JQL syntax or validation error, with Jira's wording. */
export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

type Token =
  | { t: 'word'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'lparen' | 'rparen' | 'comma' | 'eof'; v: string; pos: number };

const OPERATOR_LIST = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'";
const at = (pos: number): string => `(line 1, character ${pos})`;
const RESERVED_WORD_BREAK = /[\s()=,!<>~"'&|]/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    const pos = i + 1;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '(') {
      tokens.push({ t: 'lparen', v: c, pos });
      i += 1;
    } else if (c === ')') {
      tokens.push({ t: 'rparen', v: c, pos });
      i += 1;
    } else if (c === ',') {
      tokens.push({ t: 'comma', v: c, pos });
      i += 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < input.length && input.charAt(j) !== c) {
        if (input.charAt(j) === '\\' && j + 1 < input.length) {
          j += 1;
        }
        value += input.charAt(j);
        j += 1;
      }
      if (j >= input.length) {
        throw new JqlError(`Error in the JQL Query: The quoted string '${value}' has not been completed. ${at(pos)}`);
      }
      tokens.push({ t: 'string', v: value, pos });
      i = j + 1;
    } else if (c === '&' && input.charAt(i + 1) === '&') {
      tokens.push({ t: 'word', v: 'AND', pos });
      i += 2;
    } else if (c === '|' && input.charAt(i + 1) === '|') {
      tokens.push({ t: 'word', v: 'OR', pos });
      i += 2;
    } else if ('=!<>~'.includes(c)) {
      const two = input.slice(i, i + 2);
      if (['!=', '<=', '>=', '!~'].includes(two)) {
        tokens.push({ t: 'op', v: two, pos });
        i += 2;
      } else {
        tokens.push({ t: 'op', v: c, pos });
        i += 1;
      }
    } else if (c === '&' || c === '|') {
      throw new JqlError(
        `Error in the JQL Query: The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead. ${at(pos)}`,
      );
    } else {
      let j = i;
      while (j < input.length && !RESERVED_WORD_BREAK.test(input.charAt(j))) j += 1;
      tokens.push({ t: 'word', v: input.slice(i, j), pos });
      i = j;
    }
  }
  tokens.push({ t: 'eof', v: 'EOF', pos: input.length + 1 });
  return tokens;
}

const isKeyword = (tok: Token, kw: string): boolean => tok.t === 'word' && tok.v.toUpperCase() === kw;
const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const tok = this.peek();
    if (tok.t !== 'eof') this.i += 1;
    return tok;
  }

  parse(): JqlQuery {
    let where: Expr | null = null;
    if (!(isKeyword(this.peek(), 'ORDER') && isKeyword(this.peek(1), 'BY')) && this.peek().t !== 'eof') {
      where = this.orExpr();
    }
    const orderBy: SortKey[] = [];
    const tok = this.peek();
    if (isKeyword(tok, 'ORDER')) {
      this.next();
      const by = this.next();
      if (!isKeyword(by, 'BY')) {
        throw new JqlError(`Error in the JQL Query: Expecting 'BY' but got '${by.v}'. ${at(by.pos)}`);
      }
      for (;;) {
        const field = this.field();
        let direction: SortKey['direction'] = null;
        if (isKeyword(this.peek(), 'ASC') || isKeyword(this.peek(), 'DESC')) {
          direction = this.next().v.toUpperCase() as 'ASC' | 'DESC';
        }
        orderBy.push({ field, direction });
        if (this.peek().t !== 'comma') break;
        this.next();
      }
    }
    const end = this.peek();
    if (end.t !== 'eof') {
      if (end.t === 'rparen') {
        throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'. ${at(end.pos)}`);
      }
      throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${end.v}'. ${at(end.pos)}`);
    }
    return { where, orderBy };
  }

  private orExpr(): Expr {
    const items = [this.andExpr()];
    while (isKeyword(this.peek(), 'OR')) {
      this.next();
      items.push(this.andExpr());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  }

  private andExpr(): Expr {
    const items = [this.notExpr()];
    while (isKeyword(this.peek(), 'AND')) {
      this.next();
      items.push(this.notExpr());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  }

  private notExpr(): Expr {
    const tok = this.peek();
    if (isKeyword(tok, 'NOT') || (tok.t === 'op' && tok.v === '!')) {
      this.next();
      return { kind: 'not', expr: this.notExpr() };
    }
    if (tok.t === 'lparen') {
      this.next();
      const inner = this.orExpr();
      const close = this.next();
      if (close.t !== 'rparen') {
        if (close.t === 'eof') throw new JqlError("Error in the JQL Query: Expecting ')' before the end of the query.");
        throw new JqlError(`Error in the JQL Query: Expecting ')' but got '${close.v}'. ${at(close.pos)}`);
      }
      return inner;
    }
    return this.clause();
  }

  private field(): FieldRef {
    const tok = this.next();
    if (tok.t === 'string') return { name: tok.v, pos: tok.pos };
    if (tok.t === 'word' && !RESERVED.has(tok.v.toUpperCase())) {
      const cf = /^cf\[(\d+)\]$/i.exec(tok.v);
      if (cf) return { name: tok.v, cfNumber: Number(cf[1]), pos: tok.pos };
      return { name: tok.v, pos: tok.pos };
    }
    if (tok.t === 'eof') {
      throw new JqlError(
        `Error in the JQL Query: Expecting a field name but reached the end of the query. ${at(tok.pos)}`,
      );
    }
    throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${tok.v}'. ${at(tok.pos)}`);
  }

  private operator(): Operator {
    const tok = this.next();
    if (tok.t === 'op' && tok.v !== '!') return tok.v as Operator;
    if (isKeyword(tok, 'IN')) return 'in';
    if (isKeyword(tok, 'IS')) {
      if (isKeyword(this.peek(), 'NOT')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    if (isKeyword(tok, 'NOT') && isKeyword(this.peek(), 'IN')) {
      this.next();
      return 'not in';
    }
    const got = tok.t === 'eof' ? 'EOF' : tok.v;
    throw new JqlError(
      `Error in the JQL Query: Expecting operator but got '${got}'. The valid operators are ${OPERATOR_LIST}. ${at(tok.pos)}`,
    );
  }

  private clause(): Expr {
    const field = this.field();
    const pos = field.pos;
    const op = this.operator();
    const operand = this.operand(op === 'in' || op === 'not in');
    return { kind: 'clause', field, op, operand, pos };
  }

  private operand(listExpected: boolean): Operand {
    const tok = this.next();
    if (tok.t === 'lparen') {
      const items: Operand[] = [];
      if (this.peek().t === 'rparen') {
        throw new JqlError(
          `Error in the JQL Query: Expecting either a value, list or function but got ')'. ${at(this.peek().pos)}`,
        );
      }
      for (;;) {
        items.push(this.operand(false));
        const sep = this.next();
        if (sep.t === 'rparen') break;
        if (sep.t !== 'comma') {
          if (sep.t === 'eof') throw new JqlError("Error in the JQL Query: Expecting ')' before the end of the query.");
          throw new JqlError(`Error in the JQL Query: Expecting ')' or ',' but got '${sep.v}'. ${at(sep.pos)}`);
        }
      }
      return { kind: 'list', items, pos: tok.pos };
    }
    if (tok.t === 'string') return { kind: 'value', value: tok.v, pos: tok.pos };
    if (tok.t === 'word') {
      const upper = tok.v.toUpperCase();
      if (upper === 'EMPTY' || upper === 'NULL') return { kind: 'empty', pos: tok.pos };
      if (RESERVED.has(upper)) {
        throw new JqlError(
          `Error in the JQL Query: '${tok.v}' is a reserved JQL word. You must surround it in quotation marks to use it in a query. ${at(tok.pos)}`,
        );
      }
      if (this.peek().t === 'lparen') {
        this.next();
        const args: string[] = [];
        if (this.peek().t !== 'rparen') {
          for (;;) {
            const a = this.next();
            if (a.t !== 'word' && a.t !== 'string') {
              throw new JqlError(
                `Error in the JQL Query: Expecting a function argument but got '${a.v}'. ${at(a.pos)}`,
              );
            }
            args.push(a.v);
            const sep = this.next();
            if (sep.t === 'rparen') break;
            if (sep.t !== 'comma')
              throw new JqlError(`Error in the JQL Query: Expecting ')' or ',' but got '${sep.v}'. ${at(sep.pos)}`);
          }
        } else {
          this.next();
        }
        return { kind: 'function', name: tok.v, args, pos: tok.pos };
      }
      return { kind: 'value', value: tok.v, pos: tok.pos };
    }
    const got = tok.t === 'eof' ? 'EOF' : tok.v;
    const hint = listExpected
      ? 'Expecting a list of values or a function'
      : 'Expecting either a value, list or function';
    throw new JqlError(`Error in the JQL Query: ${hint} but got '${got}'. ${at(tok.pos)}`);
  }
}

/** Parses a JQL string; throws {@link JqlError} with Jira's wording and the 1-based character position. */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parse();
}
