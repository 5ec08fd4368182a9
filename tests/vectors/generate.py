#!/usr/bin/env python3
"""Writes reward-math.json: reward-math test vectors computed with Python's exact integers,
an implementation independent of both the program (Rust, 64-bit limbs) and the SDK
(TypeScript, bigint). `cargo test` and the TypeScript suite both check them."""
import json
import random
from pathlib import Path

SCALE = 10**12
BPS = 10_000  # effective weights are in 1/BPS units
U64 = 2**64 - 1
rng = random.Random(20261127)


def acc_delta(mode, rate, dt, total_weight):
    if mode == 0:
        # every whole weight unit (BPS effective units) earns `rate` a second
        return rate * dt * (SCALE // BPS)
    emitted = rate * dt * SCALE
    return 0 if total_weight == 0 else emitted // total_weight


def earned(weight, acc, checkpoint):
    return weight * (acc - checkpoint) // SCALE


def pick(limit):
    """Edge values and random ones of every magnitude up to `limit`."""
    return rng.choice([0, 1, 2, limit, limit - 1, rng.randint(0, limit), rng.randint(0, 2 ** rng.randint(1, limit.bit_length()))])


acc_cases = []
for mode in (0, 1):
    for _ in range(60):
        rate, dt, weight = pick(10**12), pick(10**8), pick(10**9)
        delta = acc_delta(mode, rate, dt, weight)
        if delta < 2**128:
            acc_cases.append({"mode": mode, "rate": str(rate), "dt": str(dt), "totalWeight": str(weight), "delta": str(delta)})

earned_cases = []
for _ in range(120):
    checkpoint = rng.randint(0, 2**100)
    acc = checkpoint + pick(2**90)
    weight = pick(10**9)
    amount = earned(weight, acc, checkpoint)
    if amount <= U64:
        earned_cases.append({"weight": str(weight), "acc": str(acc), "checkpoint": str(checkpoint), "earned": str(amount)})

# A scenario: one shared stream, stakers joining and leaving; per-step expected accumulator,
# each staker's settled rewards and the pool's liability.
scenario = {"mode": 1, "rate": "1000000", "startTs": 100, "endTs": 10_000, "steps": []}
acc, last, total = 0, 100, 0
weights = {"alice": 0, "bob": 0, "carol": 0}
checkpoints = {name: 0 for name in weights}
owed = {name: 0 for name in weights}
unsettled = 0
owed_total = 0
for now, name, new_weight in [(100, "alice", 3), (250, "bob", 7), (1_000, "alice", 0), (1_700, "carol", 5), (9_000, "bob", 1), (12_000, "carol", 0)]:
    until = min(now, scenario["endTs"])
    if until > last:
        delta = acc_delta(1, 1_000_000, until - last, total)
        acc += delta
        unsettled += delta * total
        last = until
    share = earned(weights[name], acc, checkpoints[name])
    unsettled -= weights[name] * (acc - checkpoints[name])
    owed[name] += share
    owed_total += share
    checkpoints[name] = acc
    total += new_weight - weights[name]
    weights[name] = new_weight
    liability = owed_total + -(-unsettled // SCALE)
    scenario["steps"].append({"now": now, "staker": name, "newWeight": new_weight, "acc": str(acc), "owed": {k: str(v) for k, v in owed.items()}, "liability": str(liability)})

out = {"scale": str(SCALE), "accDelta": acc_cases, "earned": earned_cases, "scenario": scenario}
Path(__file__).with_name("reward-math.json").write_text(json.dumps(out, indent=1) + "\n")
