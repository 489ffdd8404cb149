/** Numeric-string id sequences, one per record type, increasing in creation order like Shopify's. */
export class IdSequence {
  /** Ids are the base's leading digits + a fixed-width counter: cheaper than printing big numbers. */
  private readonly head: string;
  private readonly width: number;
  private counter = 0;

  constructor(base: number) {
    const digits = String(base);
    this.width = Math.min(8, digits.length - 1);
    if (Number(digits.slice(-this.width)) !== 0) throw new Error(`id base ${base} must end in ${this.width} zeros`);
    this.head = digits.slice(0, digits.length - this.width);
  }

  next(): string {
    const value = this.counter++;
    const tail = String(value);
    if (tail.length > this.width) throw new Error("id sequence overflow");
    return this.head + "00000000".slice(0, this.width - tail.length) + tail;
  }
}

export const ID_BASES = {
  location: 71_000_000_000,
  collection: 450_000_000_000,
  product: 8_100_000_000_000,
  variant: 45_000_000_000_000,
  inventoryItem: 47_000_000_000_000,
  inventoryLevel: 120_000_000_000_000,
  order: 6_000_000_000_000,
  lineItem: 15_000_000_000_000,
  refund: 900_000_000_000,
  discount: 1_300_000_000_000,
} as const;
