package io.elbctl.aws;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one emulator for the whole test run, gives every test an empty account and static test
 * credentials, and injects the {@link Emulator}. A missing emulator fails the test, never skips it.
 */
public final class EmulatorExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmulatorExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Emulator emulator = emulator(context);
    emulator.reset();
    // The SDK's default chain reads these first: never real credentials in tests.
    System.setProperty("aws.accessKeyId", emulator.accessKey());
    System.setProperty("aws.secretAccessKey", "testing");
  }

  private static Emulator emulator(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("emulator", key -> new Resource(Emulator.start()), Resource.class)
        .emulator;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Emulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator(context);
  }

  /** Stops the emulator when the test run ends. */
  private record Resource(Emulator emulator)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      emulator.close();
    }
  }
}
