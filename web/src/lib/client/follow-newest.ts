/**
 * Keeps a chat log at its newest message, as chat apps do. While the reader is at the end (or has just asked
 * or opened a conversation) the log follows whatever grows in it: the question, the answer streaming in, the
 * lines under it once it is done, an answer rendered after hydration. A reader who scrolls up to read stays
 * where they are until they ask again.
 *
 * What scrolls differs by width: beside the other panels the log scrolls on its own; on a phone the page does
 * (the composer is sticky at the bottom of the screen, so "the end" is the log's bottom edge at the composer's
 * top). The Chat tab hidden behind another one keeps its place: the page's scrolling then belongs to the other
 * tab, and coming back shows the newest message again, or where the reader was.
 */

/** Within this many pixels of the end counts as at the newest message. */
const NEAR = 48;
/** Growth right after a click in the log is the reader's doing (opening "Sources cited"), not news: not followed. */
const READER_MS = 400;

export class FollowNewest {
  /** At the newest message, or asked to be: growth is followed. */
  #pinned = true;
  /** How far above the end the reader is when not pinned (restored when the Chat tab shows again). */
  #fromEnd = 0;
  #hidden: boolean;
  /** The scroll position last seen: only a move up (the reader's) unpins; growth moves nothing. */
  #lastPosition = 0;
  #readerUntil = 0;
  #observer: ResizeObserver;
  #log: HTMLElement;
  #below: () => Element | null | undefined;
  #active: () => boolean;

  /**
   * `log`: the conversation (its own scroller, or not); `content`: the element its messages are in;
   * `below`: what covers the screen's bottom edge on a phone (the sticky composer); `active`: whether there is
   * a conversation to follow (an empty one shows the notebook's first look, read from its top).
   */
  constructor(
    log: HTMLElement,
    content: HTMLElement,
    { below, active }: { below: () => Element | null | undefined; active: () => boolean },
  ) {
    this.#log = log;
    this.#below = below;
    this.#active = active;
    this.#hidden = !this.#visible();
    this.#observer = new ResizeObserver(() => this.#resized());
    this.#observer.observe(log);
    this.#observer.observe(content);
    log.addEventListener("scroll", this.#scrolled, { passive: true });
    window.addEventListener("scroll", this.#scrolled, { passive: true });
    window.addEventListener("resize", this.#resized);
    log.addEventListener("click", this.#clicked, { capture: true });
  }

  /** Back to the newest message, and follow it (the student asked, or a conversation opened). */
  stick() {
    this.#pinned = true;
    this.#fromEnd = 0;
    this.#toEnd();
  }

  destroy() {
    this.#observer.disconnect();
    this.#log.removeEventListener("scroll", this.#scrolled);
    window.removeEventListener("scroll", this.#scrolled);
    window.removeEventListener("resize", this.#resized);
    this.#log.removeEventListener("click", this.#clicked, { capture: true });
  }

  #visible() {
    return this.#log.getClientRects().length > 0;
  }

  #ownScroller() {
    return /auto|scroll/.test(getComputedStyle(this.#log).overflowY);
  }

  /** How far the end of the conversation is below what the reader sees (≤ 0: it is in view). */
  #distance() {
    const log = this.#log;
    if (this.#ownScroller()) return log.scrollHeight - log.clientHeight - log.scrollTop;
    const edge = Math.min(window.innerHeight, this.#below()?.getBoundingClientRect().top ?? window.innerHeight);
    return log.getBoundingClientRect().bottom - edge;
  }

  #position() {
    return this.#ownScroller() ? this.#log.scrollTop : window.scrollY;
  }

  #scrollBy(dy: number) {
    if (this.#ownScroller()) this.#log.scrollTop += dy;
    else window.scrollBy(0, dy);
  }

  #toEnd() {
    if (!this.#visible() || !this.#active()) return;
    const distance = this.#distance();
    if (distance > 0) this.#scrollBy(distance);
    this.#lastPosition = this.#position();
  }

  #scrolled = () => {
    // Hidden (another tab is showing): the page's scrolling is that tab's.
    if (!this.#visible()) return;
    // The scroll event comes a frame after the scroll: the answer may have grown since, so a distance from the
    // end alone would unpin a log that was following. Only the reader scrolling up lets go.
    const position = this.#position();
    const up = position < this.#lastPosition - 1;
    this.#lastPosition = position;
    const distance = this.#distance();
    if (up || distance <= NEAR) this.#pinned = distance <= NEAR;
    this.#fromEnd = Math.max(0, distance);
  };

  #clicked = () => {
    this.#readerUntil = performance.now() + READER_MS;
  };

  #resized = () => {
    const visible = this.#visible();
    const shown = visible && this.#hidden;
    this.#hidden = !visible;
    if (!visible) return;
    if (shown) {
      if (this.#pinned) this.#toEnd();
      else this.#scrollBy(this.#distance() - this.#fromEnd);
      this.#lastPosition = this.#position();
      return;
    }
    if (this.#pinned && performance.now() > this.#readerUntil) return this.#toEnd();
    const distance = this.#distance();
    this.#pinned = distance <= NEAR;
    this.#fromEnd = Math.max(0, distance);
  };
}
