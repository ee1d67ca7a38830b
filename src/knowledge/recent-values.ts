/** Values kept by key in this process, at most `max` of them: past that, the oldest goes first. */
export class RecentValues<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  /** Keeps `value` under `key` and returns it. */
  keep(key: string, value: V): V {
    this.values.set(key, value);
    if (this.values.size > this.max) this.values.delete(this.values.keys().next().value!);
    return value;
  }
}
