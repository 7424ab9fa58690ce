package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.CertificateChoice;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate the local HTTPS listeners present: one made on the spot for the spec's names and
 * localhost (the JDK's {@code keytool} writes it to a temporary PKCS#12 store, since the JDK has no
 * public API to sign certificates), or one given as PEM files.
 */
public final class ServerCertificate {
  private ServerCertificate() {}

  /**
   * The certificate HTTPS listeners of {@code spec} present: the PEM pair when given, else a
   * self-signed one for localhost and the spec's certificate and record names; null when the spec
   * has no HTTPS listener.
   */
  public static SSLContext forSpec(Spec spec, Path certFile, Path keyFile) {
    if ((certFile == null) != (keyFile == null)) {
      throw new ElbctlException(ExitCode.USAGE, "--tls-cert and --tls-key go together");
    }
    if (spec.loadBalancer().listeners().stream().noneMatch(Listener::https)) {
      return null;
    }
    if (certFile != null) {
      return fromPem(certFile, keyFile);
    }
    List<io.elbctl.spec.Certificate> served = spec.certificates();
    if (served.size() <= 1) {
      return selfSigned(names(spec));
    }
    // One self-signed certificate per spec certificate, chosen per handshake as the ALB does.
    List<List<String>> entries = new ArrayList<>();
    entries.add(names(spec));
    for (int i = 1; i < served.size(); i++) {
      entries.add(served.get(i).allNames());
    }
    return selfSigned(entries, serverName -> CertificateChoice.choose(served, serverName).index());
  }

  /** The names a self-signed certificate for {@code spec} is made for, besides localhost. */
  public static List<String> names(Spec spec) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    if (spec.certificate() != null) {
      names.addAll(spec.certificate().allNames());
    }
    if (spec.domain() != null) {
      names.addAll(spec.domain().records());
    }
    return List.copyOf(names);
  }

  /**
   * A self-signed certificate for {@code names} plus localhost and 127.0.0.1.
   *
   * @throws ElbctlException when keytool is missing or fails
   */
  public static SSLContext selfSigned(List<String> names) {
    return selfSigned(List.of(names), null);
  }

  /**
   * Self-signed certificates, one per entry of {@code names} (the first also for localhost),
   * presented as {@code choose} picks them by the client's server name; null {@code choose} means
   * one certificate.
   */
  static SSLContext selfSigned(List<List<String>> names, ToIntFunction<String> choose) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    char[] password = HexFormat.of().formatHex(random).toCharArray();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("elbctl-serve-");
      Path store = dir.resolve("server.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      for (int i = 0; i < names.size(); i++) {
        keytool(keytool, store, SniKeyManager.alias(i), san(names.get(i), i == 0), password);
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, password);
      }
      return context(keyStore, password, choose);
    } catch (IOException e) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "cannot make a certificate with the JDK's keytool ("
              + e.getMessage()
              + "); give one with --tls-cert and --tls-key.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElbctlException(ExitCode.ERROR, "interrupted while making a certificate.");
    } catch (GeneralSecurityException e) {
      throw new ElbctlException(
          ExitCode.ERROR, "the certificate keytool made is unreadable: " + e.getMessage() + ".");
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path file : files.toList()) {
            Files.deleteIfExists(file);
          }
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // A leftover temporary file is harmless.
        }
      }
    }
  }

  /** The keytool SAN entries of one certificate; the default one also names localhost. */
  private static List<String> san(List<String> names, boolean local) {
    List<String> san = new ArrayList<>();
    if (local) {
      san.add("dns:localhost");
      san.add("ip:127.0.0.1");
      san.add("ip:::1");
    }
    for (String name : names) {
      String entry = "dns:" + name;
      if (!san.contains(entry) && name.matches("[A-Za-z0-9*.-]+")) {
        san.add(entry);
      }
    }
    return san;
  }

  /** Adds one EC key pair with a self-signed certificate under {@code alias} to {@code store}. */
  private static void keytool(
      Path keytool, Path store, String alias, List<String> san, char[] password)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            alias,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost, O=elbctl serve",
            "-ext",
            "SAN=" + String.join(",", san),
            "-validity",
            "30",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(password),
            "-keypass",
            new String(password));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "keytool could not make a certificate: "
              + new String(output, StandardCharsets.UTF_8).trim().replace('\n', ' '));
    }
  }

  /**
   * A certificate chain and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), as
   * mkcert and {@code openssl pkcs8 -topk8 -nocrypt} write them.
   */
  public static SSLContext fromPem(Path certFile, Path keyFile) {
    List<Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      byte[] certs = Files.readAllBytes(certFile);
      chain.addAll(factory.generateCertificates(new ByteArrayInputStream(certs)));
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.USAGE, "cannot read --tls-cert " + certFile + ".");
    } catch (GeneralSecurityException e) {
      throw new ElbctlException(
          ExitCode.USAGE, "--tls-cert " + certFile + " holds no PEM certificate.");
    }
    if (chain.isEmpty()) {
      throw new ElbctlException(
          ExitCode.USAGE, "--tls-cert " + certFile + " holds no PEM certificate.");
    }
    String pem;
    try {
      pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.USAGE, "cannot read --tls-key " + keyFile + ".");
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "--tls-key "
              + keyFile
              + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'.");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, "--tls-key " + keyFile + " is not valid base64.");
    }
    PrivateKey key = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // Try the next algorithm; PKCS#8 names it, but the JDK wants it up front.
      }
    }
    if (key == null) {
      throw new ElbctlException(
          ExitCode.USAGE, "--tls-key " + keyFile + " holds a key type the JDK cannot read.");
    }
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
      return context(store, password, null);
    } catch (IOException | GeneralSecurityException e) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "--tls-cert and --tls-key do not make a usable pair: " + e.getMessage() + ".");
    }
  }

  private static SSLContext context(KeyStore store, char[] password, ToIntFunction<String> choose)
      throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    KeyManager[] managers = keys.getKeyManagers();
    if (choose != null) {
      managers = new KeyManager[] {new SniKeyManager((X509ExtendedKeyManager) managers[0], choose)};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers, null, new SecureRandom());
    return context;
  }
}
