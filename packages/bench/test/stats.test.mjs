import { describe, expect, it } from "vitest";
import { balancedOrders, summary } from "../src/stats.mjs";

describe("the order of the clients' turns", () => {
  it.each([2, 3, 4, 5, 6])(
    "for %i clients gives each client every place and every predecessor equally often",
    (n) => {
      const orders = balancedOrders(n);
      for (const order of orders) expect([...order].sort()).toEqual([...Array(n).keys()]);
      const places = new Map();
      const follows = new Map();
      for (const order of orders) {
        order.forEach((client, place) => {
          places.set(`${client}@${place}`, (places.get(`${client}@${place}`) ?? 0) + 1);
          if (place > 0) {
            const pair = `${order[place - 1]}>${client}`;
            follows.set(pair, (follows.get(pair) ?? 0) + 1);
          }
        });
      }
      expect(places.size).toBe(n * n);
      expect(new Set(places.values()).size).toBe(1);
      expect(follows.size).toBe(n * (n - 1));
      expect(new Set(follows.values()).size).toBe(1);
    },
  );
});

describe("summary", () => {
  it("gives the median of an even count as the mean of the middle two", () => {
    expect(summary([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
  });
});
