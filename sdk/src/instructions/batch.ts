import { MAX_BATCH } from "../constants";

/** Throws unless 1..=16 NFTs are given (the program refuses other batch sizes). */
export function checkBatch(count: number): void {
  if (count < 1 || count > MAX_BATCH) throw new RangeError(`1..=${MAX_BATCH} NFTs per instruction`);
}
