package io.dataconnector.camel.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from key stores with the JDK's default algorithms: one to serve with, one to trust a certificate. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Serves with the private key and certificate chain in the key store. */
    static SSLContext server(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot serve TLS with this key store: " + e.getMessage(), e);
        }
    }

    /** A key store (PKCS12, in memory) holding only this certificate as trusted. */
    static KeyStore trustStore(String alias, Certificate certificate) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry(alias, certificate);
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot create a trust store: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts exactly the certificates in the trust store. */
    static SSLContext client(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot trust this trust store: " + e.getMessage(), e);
        }
    }
}
