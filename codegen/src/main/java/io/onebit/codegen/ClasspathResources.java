package io.onebit.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * Reads and lists the resources the codegen jar carries under {@code onebit/} (templates,
 * firmware C, boards), whether the classes run from a directory (tests) or from a jar (the CLI).
 */
final class ClasspathResources {
  private ClasspathResources() {}

  /** The bytes of a resource, e.g. {@code onebit/boards/mps2-an386.json}. */
  static byte[] read(String path) {
    try (InputStream in = loader().getResourceAsStream(path)) {
      if (in == null) {
        throw new CodegenException("resource " + path + " is missing from the onebit codegen jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  /** Paths of all files below a resource directory, relative to it, sorted. */
  static List<String> list(String dir) {
    URL url = loader().getResource(dir);
    if (url == null) {
      throw new CodegenException("resource directory " + dir + " is missing from the onebit codegen jar");
    }
    try {
      List<String> files = "jar".equals(url.getProtocol()) ? listJar(url) : listDirectory(url);
      files.sort(null);
      return files;
    } catch (IOException | URISyntaxException e) {
      throw new CodegenException("cannot list resource directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<String> listDirectory(URL url) throws IOException, URISyntaxException {
    Path root = Path.of(url.toURI());
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
    }
    return files;
  }

  private static List<String> listJar(URL url) throws IOException {
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    connection.setUseCaches(false);
    String prefix = connection.getEntryName().endsWith("/") ? connection.getEntryName() : connection.getEntryName() + "/";
    List<String> files = new ArrayList<>();
    try (var jar = connection.getJarFile()) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
          files.add(entry.getName().substring(prefix.length()));
        }
      }
    }
    return files;
  }

  private static ClassLoader loader() {
    return ClasspathResources.class.getClassLoader();
  }
}
