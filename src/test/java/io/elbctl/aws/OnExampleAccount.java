package io.elbctl.aws;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite whose every test starts on a fresh {@link ExampleAccount}: an empty emulator account with
 * the hosted zone example.com and an elbctl that runs against it.
 */
@ExtendWith(EmulatorExtension.class)
abstract class OnExampleAccount {
  @TempDir Path dir;
  Emulator emulator;
  ExampleAccount account;
  ElbctlRun elbctl;
  String zoneId;

  @BeforeEach
  void openAccount(Emulator emulator) {
    this.emulator = emulator;
    this.account = new ExampleAccount(emulator, dir);
    this.elbctl = account.elbctl;
    this.zoneId = account.zoneId;
  }
}
