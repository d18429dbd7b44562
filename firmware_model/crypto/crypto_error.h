// Errors of the crypto layer. Every crypto operation returns them as values; none throws on bad
// input.
#pragma once

#include <string>

#include "firmware_model/crypto/expected.h"

namespace secnic::crypto {

enum class ErrorCode {
  kIo,                  // a key file could not be read
  kBadPem,              // the text is not a PEM key OpenSSL can decode
  kNotRsa,              // the key is not an RSA key
  kNoPrivateKey,        // a private key was required, the PEM holds only a public one
  kUnsupportedKeySize,  // not RSA-2048 or RSA-4096
  kBadKeyMaterial,      // modulus/exponent do not form a usable RSA key
  kBadUuid,             // a key UUID string is not 32 hex digits
  kBadSignatureLength,  // signature length differs from the key's modulus length
  kBackend,             // OpenSSL failed where it should not have
};

const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

template <class T>
using Result = Expected<T, Error>;

}  // namespace secnic::crypto
