// The model and firmware logs (model/regs/model_log.h, firmware_model/log/firmware_log.h) format
// every warning about bad host input even when nothing listens. Fuzz inputs are bad input by the
// million, so the harnesses register both loggers switched off, as an embedding program may.
#pragma once

namespace secnic::fuzz {

// Idempotent; leaves a logger the embedding program registered itself alone.
void quiet_logs();

}  // namespace secnic::fuzz
