package io.recur.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class CpuModelTest {
  @Test
  void namesTheFirstProcessorWithItsFamilyAndModel() {
    String cpuinfo = """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        cpu family\t: 25
        model\t\t: 1
        model name\t: AMD EPYC
        flags\t\t: fpu avx2

        processor\t: 1
        cpu family\t: 26
        model\t\t: 2
        model name\t: Something Else
        """;
    assertEquals("AMD EPYC (family 25, model 1), 2 CPUs", CpuModel.parse(cpuinfo, 2));
  }

  @Test
  void withoutFamilyAndModelTheNameAlone() {
    assertEquals("Neoverse-N1, 1 CPU", CpuModel.parse("processor : 0\nmodel name : Neoverse-N1\n", 1));
  }

  @Test
  void describesThisMachine() {
    assertFalse(CpuModel.describe().isBlank());
  }
}
