#include "firmware_model/crypto/rsa_key.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <fstream>
#include <sstream>

namespace secnic::crypto {
namespace {

std::string openssl_reason() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "no OpenSSL detail";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// Decodes a PEM key of the requested selection (public or private) into an RSA EVP_PKEY.
Result<EVP_PKEY*> decode_pem(std::string_view pem, int selection, const char* what) {
  EVP_PKEY* pkey = nullptr;
  OSSL_DECODER_CTX* dctx =
      OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", nullptr, "RSA", selection, nullptr, nullptr);
  if (dctx == nullptr) return Error{ErrorCode::kBackend, "OpenSSL decoder: " + openssl_reason()};
  const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t len = pem.size();
  const int ok = OSSL_DECODER_from_data(dctx, &data, &len);
  OSSL_DECODER_CTX_free(dctx);
  if (ok != 1 || pkey == nullptr) {
    ERR_clear_error();
    // Tell a non-RSA key apart from text that is no key at all.
    EVP_PKEY* any = nullptr;
    OSSL_DECODER_CTX* any_ctx =
        OSSL_DECODER_CTX_new_for_pkey(&any, "PEM", nullptr, nullptr, selection, nullptr, nullptr);
    if (any_ctx != nullptr) {
      const auto* d2 = reinterpret_cast<const unsigned char*>(pem.data());
      size_t l2 = pem.size();
      OSSL_DECODER_from_data(any_ctx, &d2, &l2);
      OSSL_DECODER_CTX_free(any_ctx);
    }
    ERR_clear_error();
    if (any != nullptr) {
      EVP_PKEY_free(any);
      return Error{ErrorCode::kNotRsa, std::string("the PEM holds a ") + what + " that is not RSA"};
    }
    return Error{ErrorCode::kBadPem, std::string("no PEM-encoded RSA ") + what + " found"};
  }
  return pkey;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "cannot open key file '" + path + "'"};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::kIo, "cannot read key file '" + path + "'"};
  return ss.str();
}

template <class T>
Result<T> with_path(Result<T> r, const std::string& path) {
  if (r) return r;
  return Error{r.error().code, path + ": " + r.error().message};
}

}  // namespace

Result<RsaPublicKey> RsaPublicKey::adopt(EVP_PKEY* pkey, const std::string& origin) {
  RsaPublicKey key;
  key.m_pkey.reset(pkey, EVP_PKEY_free);
  const int bits = EVP_PKEY_get_bits(pkey);
  if (bits != 2048 && bits != 4096) {
    return Error{ErrorCode::kUnsupportedKeySize, origin + " is RSA-" + std::to_string(bits) +
                                                     ", only RSA-2048 and RSA-4096 are supported"};
  }
  key.m_size = static_cast<RsaKeySize>(bits);
  BIGNUM* n_raw = nullptr;
  BIGNUM* e_raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n_raw) != 1 ||
      EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e_raw) != 1) {
    BN_free(n_raw);
    BN_free(e_raw);
    return Error{ErrorCode::kBackend, "cannot read RSA parameters: " + openssl_reason()};
  }
  BnPtr n(n_raw), e(e_raw);
  if (BN_num_bits(e.get()) > 32) {
    return Error{ErrorCode::kBadKeyMaterial,
                 origin + " has a public exponent wider than 32 bits (PUBLIC_KEYS stores 32)"};
  }
  key.m_modulus.assign(modulus_bytes(key.m_size), 0);
  BN_bn2binpad(n.get(), key.m_modulus.data(), static_cast<int>(key.m_modulus.size()));
  key.m_exponent = static_cast<uint32_t>(BN_get_word(e.get()));
  return key;
}

Result<RsaPublicKey> RsaPublicKey::from_pem(std::string_view pem) {
  auto pkey = decode_pem(pem, EVP_PKEY_PUBLIC_KEY, "public key");
  if (!pkey) {
    // A private key file also carries the public half.
    auto priv = decode_pem(pem, EVP_PKEY_KEYPAIR, "key");
    if (!priv) return pkey.error();
    pkey = priv;
  }
  return adopt(*pkey, "the key");
}

Result<RsaPublicKey> RsaPublicKey::load_pem_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return with_path(from_pem(*text), path);
}

Result<RsaPublicKey> RsaPublicKey::from_components(const std::vector<uint8_t>& modulus,
                                                   uint32_t exponent) {
  if (modulus.empty() || modulus.size() > 4096 / 8) {
    return Error{ErrorCode::kBadKeyMaterial,
                 "modulus of " + std::to_string(modulus.size()) + " bytes (expected 256 or 512)"};
  }
  if (exponent < 3 || (exponent & 1) == 0) {
    return Error{ErrorCode::kBadKeyMaterial,
                 "public exponent " + std::to_string(exponent) + " is not an odd number >= 3"};
  }
  BnPtr n(BN_bin2bn(modulus.data(), static_cast<int>(modulus.size()), nullptr));
  BnPtr e(BN_new());
  if (!n || !e || BN_set_word(e.get(), exponent) != 1) {
    return Error{ErrorCode::kBackend, "BIGNUM allocation failed"};
  }
  const int bits = BN_num_bits(n.get());
  if (bits != 2048 && bits != 4096) {
    return Error{ErrorCode::kUnsupportedKeySize,
                 "modulus is " + std::to_string(bits) + " bits, expected 2048 or 4096"};
  }
  if (!BN_is_odd(n.get())) return Error{ErrorCode::kBadKeyMaterial, "modulus is even"};
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  if (bld == nullptr) return Error{ErrorCode::kBackend, "OSSL_PARAM_BLD_new failed"};
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n.get());
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e.get());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  OSSL_PARAM_BLD_free(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* pkey = nullptr;
  const bool ok = params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
                  EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
  OSSL_PARAM_free(params);
  EVP_PKEY_CTX_free(ctx);
  if (!ok || pkey == nullptr) {
    return Error{ErrorCode::kBadKeyMaterial, "OpenSSL rejected the key: " + openssl_reason()};
  }
  return adopt(pkey, "the key");
}

std::string RsaPublicKey::to_pem() const {
  OSSL_ENCODER_CTX* ectx = OSSL_ENCODER_CTX_new_for_pkey(m_pkey.get(), EVP_PKEY_PUBLIC_KEY, "PEM",
                                                         "SubjectPublicKeyInfo", nullptr);
  unsigned char* data = nullptr;
  size_t len = 0;
  const bool ok = ectx != nullptr && OSSL_ENCODER_to_data(ectx, &data, &len) == 1;
  OSSL_ENCODER_CTX_free(ectx);
  if (!ok) throw std::runtime_error("OpenSSL cannot encode an RSA public key: " + openssl_reason());
  std::string pem(reinterpret_cast<const char*>(data), len);
  OPENSSL_free(data);
  return pem;
}

Result<RsaPrivateKey> RsaPrivateKey::from_pem(std::string_view pem) {
  auto pkey = decode_pem(pem, EVP_PKEY_KEYPAIR, "private key");
  if (!pkey) {
    if (pkey.error().code == ErrorCode::kBadPem) {
      auto pub = decode_pem(pem, EVP_PKEY_PUBLIC_KEY, "key");
      if (pub) {
        EVP_PKEY_free(*pub);
        return Error{ErrorCode::kNoPrivateKey,
                     "the PEM holds a public key, a private key is needed"};
      }
    }
    return pkey.error();
  }
  RsaPrivateKey key;
  key.m_pkey.reset(*pkey, EVP_PKEY_free);
  if (EVP_PKEY_up_ref(*pkey) != 1) return Error{ErrorCode::kBackend, "EVP_PKEY_up_ref failed"};
  auto pub = RsaPublicKey::adopt(*pkey, "the key");  // shares the object (second reference)
  if (!pub) return pub.error();
  key.m_public = *pub;
  return key;
}

Result<RsaPrivateKey> RsaPrivateKey::load_pem_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return with_path(from_pem(*text), path);
}

}  // namespace secnic::crypto
