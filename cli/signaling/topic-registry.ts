/** What a subscribe changed, or why it was refused as a whole. */
export type SubscribeOutcome =
  | { readonly ok: true; readonly added: number; readonly full: readonly string[] }
  | { readonly ok: false; readonly error: 'too-many-topics' };

/**
 * Which connections are subscribed to which topics, both ways round, so a publish finds its
 * receivers in one lookup and a closing connection leaves no trace. Empty topics are deleted
 * at once: the stock server's unsubscribe leaves them behind, which leaks memory.
 */
export class TopicRegistry<C> {
  private readonly subscribersByTopic = new Map<string, Set<C>>();
  private readonly topicsByConnection = new Map<C, Set<string>>();

  constructor(
    private readonly maxTopicsPerConnection: number,
    private readonly maxSubscribersPerTopic: number,
  ) {}

  /**
   * Subscribes `conn` to every topic, or to none if that would take it past its topic limit.
   * Topics already at their subscriber limit are skipped and reported in `full`.
   */
  subscribe(conn: C, topics: readonly string[]): SubscribeOutcome {
    const own = this.topicsByConnection.get(conn);
    const fresh = new Set(topics.filter((topic) => !own?.has(topic)));
    if ((own?.size ?? 0) + fresh.size > this.maxTopicsPerConnection) {
      return { ok: false, error: 'too-many-topics' };
    }
    const full: string[] = [];
    let added = 0;
    for (const topic of fresh) {
      let subscribers = this.subscribersByTopic.get(topic);
      if (subscribers && subscribers.size >= this.maxSubscribersPerTopic) {
        full.push(topic);
        continue;
      }
      if (!subscribers) {
        subscribers = new Set();
        this.subscribersByTopic.set(topic, subscribers);
      }
      subscribers.add(conn);
      let mine = this.topicsByConnection.get(conn);
      if (!mine) {
        mine = new Set();
        this.topicsByConnection.set(conn, mine);
      }
      mine.add(topic);
      added++;
    }
    return { ok: true, added, full };
  }

  /** Removes `conn` from each topic; topics it was not in are ignored, as the stock server does. */
  unsubscribe(conn: C, topics: readonly string[]): number {
    let removed = 0;
    for (const topic of topics) if (this.leave(conn, topic)) removed++;
    return removed;
  }

  /** Forgets `conn` entirely (on close). */
  remove(conn: C): void {
    const mine = this.topicsByConnection.get(conn);
    if (!mine) return;
    for (const topic of [...mine]) this.leave(conn, topic);
  }

  isSubscribed(conn: C, topic: string): boolean {
    return this.topicsByConnection.get(conn)?.has(topic) ?? false;
  }

  /** The live set of subscribers; callers must not modify it. */
  subscribers(topic: string): ReadonlySet<C> | undefined {
    return this.subscribersByTopic.get(topic);
  }

  /** Topics with at least one subscriber. */
  get topicCount(): number {
    return this.subscribersByTopic.size;
  }

  topicCountOf(conn: C): number {
    return this.topicsByConnection.get(conn)?.size ?? 0;
  }

  private leave(conn: C, topic: string): boolean {
    const mine = this.topicsByConnection.get(conn);
    if (!mine?.delete(topic)) return false;
    if (mine.size === 0) this.topicsByConnection.delete(conn);
    const subscribers = this.subscribersByTopic.get(topic);
    subscribers?.delete(conn);
    if (subscribers?.size === 0) this.subscribersByTopic.delete(topic);
    return true;
  }
}
