// Serves the emulator on loopback in a process of its own, seeded with `argv[2]` users,
// and prints its origin: a memory measurement of the client then counts no emulator state.
import { startEmulatorServer } from "./emulator-server.js";

const count = Number(process.argv[2] ?? 1000);
const users = Array.from({ length: count }, (_, i) => ({
  user_id: `auth0|${String(i).padStart(7, "0")}`,
  email: `user${i}@example.com`,
  name: `User ${i}`,
}));
const server = await startEmulatorServer({ seed: { users }, jobPollsToFinish: 2 });
console.log(`@@origin ${server.origin}`);
