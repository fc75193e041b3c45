plugins {
  application
}

val lakesideVersion = "0.1.0-SNAPSHOT"

repositories {
  mavenLocal()                           // Lakeside, installed from source until it is on Maven Central
  mavenCentral()
}

dependencies {
  implementation("dev.lakeside:lakeside-runtime:$lakesideVersion")
  implementation("dev.lakeside:lakeside-local:$lakesideVersion")      // testImplementation if only tests use it
  annotationProcessor("dev.lakeside:lakeside-processor:$lakesideVersion")
  annotationProcessor("dev.lakeside:lakeside-verifier:$lakesideVersion")   // optional
  testImplementation("org.junit.jupiter:junit-jupiter:5.14.1")
  testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}

tasks.withType<JavaCompile>().configureEach {
  options.release.set(17)
}

tasks.test {
  useJUnitPlatform()
}

application {
  mainClass.set("com.example.shop.App")
}
