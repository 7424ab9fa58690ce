package io.elbctl.serve;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.ToIntFunction;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents, per TLS handshake, the certificate the ALB would for the client's server name (SNI):
 * the key store holds one entry per spec certificate, {@code elbctl} for the default and {@code
 * elbctl-N} for the N-th extra one, and {@code choose} maps a server name (or null) to N.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager keys;
  private final ToIntFunction<String> choose;

  SniKeyManager(X509ExtendedKeyManager keys, ToIntFunction<String> choose) {
    this.keys = keys;
    this.choose = choose;
  }

  static String alias(int index) {
    return index == 0 ? "elbctl" : "elbctl-" + index;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return chosen(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return chosen(
        keyType, socket instanceof javax.net.ssl.SSLSocket tls ? tls.getHandshakeSession() : null);
  }

  private String chosen(String keyType, SSLSession session) {
    String serverName = null;
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          serverName = host.getAsciiName();
        }
      }
    }
    String alias = alias(choose.applyAsInt(serverName));
    PrivateKey key = keys.getPrivateKey(alias);
    // Every entry is an EC key; a handshake asking for another type gets none, as with one key.
    return key != null && key.getAlgorithm().equalsIgnoreCase(keyType) ? alias : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return keys.getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return keys.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return keys.getPrivateKey(alias);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
