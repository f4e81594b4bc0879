// JSONata highlighting for CodeMirror: text outside `{% … %}` is plain, inside it is JSONata
// (variables, paths, strings, numbers, operators, keywords). A StreamLanguage keeps it small.
import { StreamLanguage, type StreamParser } from '@codemirror/language';

interface State {
  inExpr: boolean;
  inComment: boolean;
  /** Fields whose whole value is JSONata (no `{% %}` markers needed). */
  bare: boolean;
}

const KEYWORDS = /^(and|or|in|true|false|null|function)\b/;

function parser(bare: boolean): StreamParser<State> {
  return {
    name: 'jsonata',
    startState: () => ({ inExpr: bare, inComment: false, bare }),
    token(stream, state) {
      if (!state.inExpr) {
        if (stream.match('{%')) {
          state.inExpr = true;
          return 'meta';
        }
        while (!stream.eol() && !stream.match('{%', false)) stream.next();
        return 'string';
      }
      if (state.inComment) {
        if (stream.skipTo('*/')) {
          stream.match('*/');
          state.inComment = false;
        } else stream.skipToEnd();
        return 'comment';
      }
      if (stream.eatSpace()) return null;
      if (!state.bare && stream.match('%}')) {
        state.inExpr = false;
        return 'meta';
      }
      if (stream.match('/*')) {
        state.inComment = true;
        return 'comment';
      }
      if (stream.match(/^\$[A-Za-z_][\w]*/) || stream.match('$$') || stream.match('$')) return 'variableName';
      if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
      if (stream.match(/^`[^`]*`?/)) return 'propertyName';
      if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
      if (stream.match(KEYWORDS)) return 'keyword';
      if (stream.match(/^[A-Za-z_][\w]*/)) return 'propertyName';
      if (stream.match(/^(:=|!=|<=|>=|~>|\?:|\?\?|\.\.|[-+*/%&=<>!?:.,;^~|])/)) return 'operator';
      stream.next();
      return 'punctuation';
    },
    languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
  };
}

export const jsonataTemplate = StreamLanguage.define(parser(false));
export const jsonataBare = StreamLanguage.define(parser(true));
