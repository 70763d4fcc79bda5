/**
 * Messages of the `html` template engine. Part of the package's one error registry
 * (`error-registry.ts`). All of them are developer errors (a template or a value that can never
 * render safely), never reactions to hostile data: a hostile string renders inert instead of
 * throwing, so one bad chat message cannot crash every viewer's LiveView.
 */
export const templateMessages = {
  // Template syntax, detected when a call site is parsed (its first call).
  CINDER_TEMPLATE_DYNAMIC_TAG_NAME: (where: string) =>
    `A template interpolates a tag name (${where}). Tag names must be static: branch between two templates instead, e.g. \${cond ? html\`<h1>…</h1>\` : html\`<h2>…</h2>\`}.`,
  CINDER_TEMPLATE_DYNAMIC_ATTRIBUTE_NAME: (where: string) =>
    `A template interpolates part of an attribute name (${where}). Attribute names must be static; to choose attributes at runtime spread an object in tag position: <div \${{ [name]: value }}>.`,
  CINDER_TEMPLATE_UNQUOTED_ATTRIBUTE_TEXT: (name: string, where: string) =>
    `The unquoted attribute "${name}" mixes an interpolation with other text (${where}). Write either ${name}=\${value} alone or quote the whole value: ${name}="text \${value}".`,
  CINDER_TEMPLATE_SPREAD_NOT_SEPARATED: (where: string) =>
    `An attribute spread must be followed by whitespace, ">" or "/>" (${where}). Write <div \${attrs} class="x">, not <div \${attrs}class="x">.`,
  CINDER_TEMPLATE_DYNAMIC_IN_DECLARATION: (where: string) =>
    `A template interpolates inside a doctype, CDATA section, processing instruction or end tag (${where}). Keep those static.`,
  CINDER_TEMPLATE_UNTERMINATED_TAG: (where: string) =>
    `A template ends inside a tag (${where}). Close the tag in the same template; a template cannot be a fragment of a tag.`,

  // Values that are developer errors whatever the data.
  CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT: (context: string) =>
    `${context} can only hold a trusted value: HTML escaping does not make data safe inside JavaScript, CSS or srcdoc HTML. Pass data through a data-* attribute or a hook instead, or wrap a value you fully control with safe(...).`,
  CINDER_TEMPLATE_TEMPLATE_IN_ATTRIBUTE: (name: string) =>
    `The attribute "${name}" received an html\`\` template. Attributes hold text: pass a string (or an array of class names for "class").`,
  CINDER_TEMPLATE_FUNCTION_VALUE: (context: string) =>
    `A function was interpolated into ${context}. Call it (\${render()}) or, for a function component, use component(Fn, props).`,
  CINDER_TEMPLATE_INVALID_SPREAD: (received: string) =>
    `An attribute spread (<div \${attrs}>) needs a plain object of attributes (or null/false for none), got ${received}.`,
  CINDER_TEMPLATE_INVALID_COMMENT_VALUE: (received: string) =>
    `A comment can only interpolate text, got ${received}. Move templates, lists and components out of the comment.`,
  CINDER_TEMPLATE_INVALID_ROOT: (received: string) =>
    `A LiveView or component render must return an html\`\` template, got ${received}.`,
  CINDER_TEMPLATE_COMPONENT_NOT_SINGLE_ROOT: (statics: string) =>
    `A live component's template must render exactly one root element (whitespace around it is fine), because the client marks that element with data-phx-component. Wrap the content in one element: ${statics}`,
  CINDER_TEMPLATE_NO_COMPONENT_RESOLVER: () =>
    `A template contains a live component, but this render has no resolveComponent (live render) or resolveComponentHtml (dead render) option. Live components can only be rendered by the LiveView runtime.`,
  CINDER_TEMPLATE_INVALID_CID: (cid: unknown) =>
    `resolveComponent must return the component's positive integer cid, got ${String(cid)}.`,
  CINDER_TEMPLATE_INVALID_KEYED: (problem: string) => `keyed(items, keyOf, render): ${problem}.`,
  CINDER_TEMPLATE_RENDER_CALLBACK_FAILED: (callback: string, reason: string) => `${callback} threw while rendering: ${reason}`,
} as const;
