package io.ferstream.classifier.ops;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers an MXBean under {@code io.ferstream:type=<type>,name=<name>} and unregisters it on close. */
public final class JmxRegistration implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JmxRegistration.class);

  private final ObjectName name;

  public JmxRegistration(String type, String name, Object mxBean) {
    ObjectName objectName = null;
    try {
      objectName = new ObjectName("io.ferstream", new java.util.Hashtable<>(java.util.Map.of("type", type,
          "name", ObjectName.quote(name))));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(objectName)) {
        server.unregisterMBean(objectName);
      }
      server.registerMBean(mxBean, objectName);
    } catch (JMException e) {
      log.warn("Metrics not registered in JMX: {}", e.toString());
      objectName = null;
    }
    this.name = objectName;
  }

  public ObjectName objectName() {
    return name;
  }

  @Override
  public void close() {
    if (name == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      log.debug("JMX unregister of {} failed: {}", name, e.toString());
    }
  }
}
