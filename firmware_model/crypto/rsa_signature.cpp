#include "firmware_model/crypto/rsa_signature.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>

namespace secnic::crypto {
namespace {

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using CtxPtr = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;

const EVP_MD* md_of(DigestKind kind) {
  return kind == DigestKind::kSha256 ? EVP_sha256() : EVP_sha512();
}

// DER prefix of the PKCS#1 v1.5 DigestInfo (RFC 8017, section 9.2, note 1): the signed block is
// prefix || digest.
std::vector<uint8_t> digest_info_prefix(DigestKind kind) {
  if (kind == DigestKind::kSha256) {
    return {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
            0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
  }
  return {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
          0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
}

}  // namespace

const char* to_string(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::kValid:
      return "valid";
    case SignatureCheck::kDigestMismatch:
      return "digest mismatch";
    case SignatureCheck::kUndecodable:
      return "undecodable";
  }
  return "unknown";
}

Result<std::vector<uint8_t>> rsa_sign_digest(const RsaPrivateKey& key,
                                             const std::vector<uint8_t>& digest) {
  const DigestKind kind = digest_for(key.size());
  if (digest.size() != digest_size(kind)) {
    return Error{ErrorCode::kBadSignatureLength,
                 "RSA-" + std::to_string(static_cast<int>(key.size())) + " signs a " +
                     to_string(kind) + " digest, got " + std::to_string(digest.size()) + " bytes"};
  }
  CtxPtr ctx(EVP_PKEY_CTX_new(key.evp(), nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx.get(), md_of(kind)) != 1 ||
      EVP_PKEY_sign(ctx.get(), nullptr, &len, digest.data(), digest.size()) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::kBackend, "OpenSSL cannot set up RSA signing"};
  }
  std::vector<uint8_t> sig(len);
  if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, digest.data(), digest.size()) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::kBackend, "OpenSSL RSA signing failed"};
  }
  sig.resize(len);
  return sig;
}

Result<std::vector<uint8_t>> rsa_sign(const RsaPrivateKey& key, const uint8_t* data, size_t size) {
  return rsa_sign_digest(key, digest(digest_for(key.size()), data, size));
}

Result<SignatureCheck> rsa_verify_digest(const RsaPublicKey& key,
                                         const std::vector<uint8_t>& digest,
                                         const std::vector<uint8_t>& signature) {
  const size_t n = modulus_bytes(key.size());
  if (signature.size() != n) {
    return Error{ErrorCode::kBadSignatureLength,
                 "signature of " + std::to_string(signature.size()) + " bytes for a " +
                     std::to_string(n) + "-byte modulus"};
  }
  const DigestKind kind = digest_for(key.size());
  // Recover the signed block and compare it with the DigestInfo we expect: a block that decodes
  // but carries another digest is a tampered message; one that does not decode is a wrong key.
  CtxPtr ctx(EVP_PKEY_CTX_new(key.evp(), nullptr));
  if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::kBackend, "OpenSSL cannot set up RSA verification"};
  }
  std::vector<uint8_t> block(n);
  size_t len = block.size();
  if (EVP_PKEY_verify_recover(ctx.get(), block.data(), &len, signature.data(), signature.size()) !=
      1) {
    ERR_clear_error();
    return SignatureCheck::kUndecodable;
  }
  block.resize(len);
  const std::vector<uint8_t> prefix = digest_info_prefix(kind);
  if (block.size() != prefix.size() + digest.size() ||
      !std::equal(prefix.begin(), prefix.end(), block.begin())) {
    return SignatureCheck::kUndecodable;
  }
  if (!std::equal(digest.begin(), digest.end(), block.begin() + prefix.size())) {
    return SignatureCheck::kDigestMismatch;
  }
  return SignatureCheck::kValid;
}

Result<SignatureCheck> rsa_verify(const RsaPublicKey& key, const uint8_t* data, size_t size,
                                  const std::vector<uint8_t>& signature) {
  return rsa_verify_digest(key, digest(digest_for(key.size()), data, size), signature);
}

}  // namespace secnic::crypto
