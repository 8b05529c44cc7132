import { parseHTML } from 'linkedom';

/**
 * A DOM for Observable Plot to draw into on the server. Plot's own <style> element and style
 * attributes are taken out of what it draws, since the site's policy allows styles from its
 * stylesheet only; site.css styles the charts instead.
 */
export function plotDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
}

/** The markup of a drawn SVG without Plot's inline styles, labelled for assistive technology. */
export function finishSvg(svg: SVGSVGElement | HTMLElement, title: string, id: string): string {
  const document = svg.ownerDocument;
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const element of [svg, ...svg.querySelectorAll('[style]')]) element.removeAttribute('style');
  // Plot labels its groups for screen readers; the chart is one image with the table after it.
  for (const element of [...svg.querySelectorAll('[aria-label],[aria-description]')]) {
    element.removeAttribute('aria-label');
    element.removeAttribute('aria-description');
  }
  const titleElement = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  titleElement.setAttribute('id', `${id}-title`);
  titleElement.textContent = title;
  svg.insertBefore(titleElement, svg.firstChild);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title`);
  svg.setAttribute('class', 'chart');
  svg.removeAttribute('aria-label');
  return svg.outerHTML;
}
