package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl certificate}: runs the certificate provisioning step alone. */
@Command(
    name = "certificate",
    description =
        "Step 2: reuse or request the ACM certificate, write its validation records, wait for ISSUED.")
public final class CertificateCommand extends StepCommand {}
