package io.onebit.codegen;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders the Velocity templates of {@code templates/} from the classpath. Strict mode: a
 * reference to a missing view method is an error, never silently empty C.
 */
final class TemplateRenderer {
  static final String DIRECTORY = "onebit/templates/";

  private final VelocityEngine engine;

  TemplateRenderer() {
    Properties p = new Properties();
    p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
    p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
    p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
    p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
    engine = new VelocityEngine(p);
    engine.init();
  }

  /** Renders {@code templates/<name>} with the given context entries. */
  String render(String name, Map<String, Object> context) {
    Template template = engine.getTemplate(DIRECTORY + name, "UTF-8");
    StringWriter out = new StringWriter();
    template.merge(new VelocityContext(new HashMap<>(context)), out);
    return out.toString();
  }
}
