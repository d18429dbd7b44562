#include "firmware_model/crypto/crypto_error.h"

namespace secnic::crypto {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kBadPem:
      return "bad-pem";
    case ErrorCode::kNotRsa:
      return "not-rsa";
    case ErrorCode::kNoPrivateKey:
      return "no-private-key";
    case ErrorCode::kUnsupportedKeySize:
      return "unsupported-key-size";
    case ErrorCode::kBadKeyMaterial:
      return "bad-key-material";
    case ErrorCode::kBadUuid:
      return "bad-uuid";
    case ErrorCode::kBadSignatureLength:
      return "bad-signature-length";
    case ErrorCode::kBackend:
      return "backend";
  }
  return "unknown";
}

}  // namespace secnic::crypto
