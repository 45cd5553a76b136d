/* Entity Lens: every message that crosses a boundary inside the extension, in one place.

   runtime messages (runtime.sendMessage, answered by the background's onMessage):
   content (the panel) -> background, popup -> background, options -> background.
   controller methods: the background calls globalThis.EntityLens.controller.handle(method, arg)
   in the tab through scripting.executeScript (content/main.js answers them).
   The typedefs below are the shapes those calls carry. */

/** Runtime message types; each message is { type, ...fields } as listed. */
export const MESSAGE = Object.freeze({
  /** content -> background: the panel's Retry button. {} */
  retry: "entity-lens:retry",
  /** content -> background: the panel's "Open options" button (this copy is not paired). {} */
  openOptions: "entity-lens:open-options",
  /** content -> background: the panel was closed, or the page navigated in place. {} */
  cleared: "entity-lens:cleared",
  /** popup -> background: the popup's Try again button. { tabId } */
  retryTab: "entity-lens:retry-tab",
  /** options -> background: trade a pairing code for a token. { code } -> PairAnswer */
  pair: "entity-lens:pair",
  /** options -> background: the helper's health. { helperUrl? } -> HealthAnswer */
  health: "entity-lens:health",
});

/** The content controller's methods (the background's calls into the tab). */
export const METHOD = Object.freeze({
  /** () -> string: the tab's address. */
  location: "location",
  /** () -> string: the page as displayed, without our own elements. */
  pageHtml: "pageHtml",
  /** ({ settings }) -> undefined: show the busy panel. */
  busy: "busy",
  /** (HelperResult) -> Fit: align the helper's text with the page. */
  load: "load",
  /** ({ mode, reason, elapsedMs, settings }) -> { entities }: paint and list the results. */
  show: "show",
  /** (ErrorMessage) -> undefined: the panel shows what went wrong. */
  error: "error",
  /** () -> undefined: take everything off the page. */
  clear: "clear",
  /** () -> object: a snapshot for the extension's own end-to-end checks. */
  inspect: "inspect",
});

/**
 * One entity mention as the helper sends it (offsets are code points into HelperResult.text).
 * @typedef {object} HelperEntity
 * @property {number} start
 * @property {number} end
 * @property {string} text
 * @property {string} label  e.g. "PERSON", or "WATCH" for a watchlist phrase
 * @property {string} group  the id of its HelperGroup
 */

/**
 * One entity (a group of mentions) as the helper sends it, most salient first.
 * @typedef {object} HelperGroup
 * @property {string} id
 * @property {string} label
 * @property {string} name
 * @property {string[]} aliases
 * @property {number} count  mentions in the helper's text
 * @property {number} salience
 * @property {number} first  code point of the first mention
 * @property {string} [wikipedia]  a Wikipedia search address in the page's language
 */

/**
 * The helper's answer to POST /v1/annotate (docs/api.md).
 * @typedef {object} HelperResult
 * @property {string} url
 * @property {string} title
 * @property {string} language
 * @property {{name: string, version: string, lang?: string}} model
 * @property {string} text  the article, one paragraph per line
 * @property {HelperEntity[]} entities
 * @property {HelperGroup[]} groups
 * @property {boolean} [cached]
 */

/**
 * A stretch of one text node: node.data.slice(start, end).
 * @typedef {object} Segment
 * @property {Text} node
 * @property {number} start
 * @property {number} end
 */

/**
 * A helper entity found on the live page (content/align.js).
 * @typedef {object} Mention
 * @property {HelperEntity} entity
 * @property {string} label
 * @property {string} group
 * @property {number} start  position in the page's text index
 * @property {number} end
 * @property {Segment[]} segments  where it is in the DOM
 */

/**
 * What align() found of the helper's text on the page.
 * @typedef {object} Alignment
 * @property {number} paragraphs  non-empty paragraphs in the helper's text
 * @property {number} aligned  of those, how many were placed on the page
 * @property {Mention[]} mentions
 * @property {number} missed  entities that could not be placed
 */

/**
 * The controller's answer to METHOD.load, from which the background picks a fallback.
 * @typedef {object} Fit
 * @property {number} paragraphs
 * @property {number} aligned
 * @property {number} mentions
 * @property {number} mainShare  the helper's text against the page's main text (content/main-text.js)
 * @property {boolean} short
 */

/**
 * A failure in the reader's words (helper-client.js describeError).
 * @typedef {object} ErrorMessage
 * @property {string} code
 * @property {string} title
 * @property {string} advice
 */

/**
 * The background's answers to MESSAGE.pair and MESSAGE.health: { ok: true, ... } or
 * { ok: false, ...ErrorMessage }.
 * @typedef {{ok: true} | ({ok: false} & ErrorMessage)} PairAnswer
 * @typedef {{ok: true, data: object, summary: string} | ({ok: false} & ErrorMessage)} HealthAnswer
 */
