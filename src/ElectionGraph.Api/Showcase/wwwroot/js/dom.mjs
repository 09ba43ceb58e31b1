// Elements built from data without innerHTML: whatever the API's names and sources hold stays text. No style
// attributes either (the page's Content-Security-Policy refuses them): styles come from showcase.css, or are set
// through element.style, which the policy allows.

/** An HTML element: attributes (class, data, on<event> handlers, plain attributes) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, the same way. */
export function s(tag, attributes = {}, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'data') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter(child => child != null && child !== false).map(child => (child instanceof Node ? child : String(child))));
  return element;
}

export const byId = id => document.getElementById(id);
