// What a NOR program or erase leaves behind when power goes away before it completes.
//
// The result is a deterministic function of (op index, seed, progress): each byte independently is
// either the old value, the value the operation would have produced, or in between (a program has
// cleared only some of the bits it had to clear, an erase has set only some of the bits it had to
// set). With progress p (0..1), a byte ends new with probability p, in between with probability
// p(1-p), old otherwise; the bytes that end new at progress p also end new at any larger progress,
// so a later cut never undoes work an earlier cut had done. The hash is counter-based (splitmix64),
// so results are identical bit for bit on every platform and run.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::model::torn {

// Progress in 1/65536 units: 0 = nothing done, 65536 = complete.
inline constexpr uint32_t kProgressComplete = 65536;

uint64_t mix64(uint64_t x);

// The key of one operation's random choices.
uint64_t operation_key(uint64_t op_index, uint64_t seed);

// The progress at which an armed torn cut (CutMode::kTornOp) interrupts op `op_index`, chosen by
// `seed` in [1/16, 15/16] so that the result is always a real mix.
uint32_t cut_progress(uint64_t op_index, uint64_t seed);

// Writes the torn result of an operation that turns `before` into `after` ([0, len) each) to
// `out`, which may alias either. `after` must be reachable by NOR: bits only cleared (program) or
// only set (erase); each byte moves at most the bits in which before and after differ.
void tear(const uint8_t* before, const uint8_t* after, uint8_t* out, size_t len, uint32_t progress,
          uint64_t key);

}  // namespace secnic::model::torn
