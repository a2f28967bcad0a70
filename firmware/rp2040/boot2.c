/*
 * RP2040 second-stage bootloader for a Winbond W25Q flash (the Pico's W25Q16JV).
 *
 * The boot ROM copies the first 256 bytes of flash to SRAM at 0x20041F00, checks the CRC32 in the
 * last 4 (appended at build time by io.onebit.codegen.Boot2Sealer) and jumps here. Until this code
 * runs, the flash is not mapped: the SSI (the QSPI controller, 0x18000000) must be put into its
 * execute-in-place mode. This is the simplest mode every W25Q part supports: standard SPI with the
 * 03h READ command, a 24-bit address and 32-bit frames, at clk_sys / 4 (well under the 50 MHz limit
 * of 03h). Quad modes would fetch faster, but the model's hot loops fit in the 16 KiB XIP cache.
 *
 * It then enters the main image the way a Cortex-M reset does: VTOR, stack pointer and reset
 * vector from the vector table at flash + 0x100.
 *
 * Register facts: RP2040 datasheet, chapter 4.10 (SSI) and 2.8.1 (boot sequence).
 */
#include <stdint.h>

#define SSI_REG(offset) (*(volatile uint32_t *)(0x18000000u + (offset)))
#define SSI_CTRLR0 SSI_REG(0x00u)
#define SSI_CTRLR1 SSI_REG(0x04u)
#define SSI_SSIENR SSI_REG(0x08u)
#define SSI_BAUDR SSI_REG(0x14u)
#define SSI_SPI_CTRLR0 SSI_REG(0xF4u)

#define CTRLR0_DFS_32(bits) (((bits) - 1u) << 16) /* frame size */
#define CTRLR0_TMOD_EEPROM_READ (3u << 8)        /* send command + address, then read */
#define SPI_CTRLR0_XIP_CMD(cmd) ((uint32_t)(cmd) << 24)
#define SPI_CTRLR0_INST_L_8 (2u << 8)            /* 8-bit instruction */
#define SPI_CTRLR0_ADDR_L_24 (6u << 2)           /* address length in 4-bit units */
#define W25Q_READ 0x03u
#define SCK_DIVIDER 4u                           /* even, as the SSI requires */

#define VTOR (*(volatile uint32_t *)0xE000ED08u)
#define MAIN_VECTORS 0x10000100u                 /* flash start + this 256-byte stage */

void onebit_boot2(void) __attribute__((section(".text.entry"), noreturn, used));

void onebit_boot2(void)
{
    SSI_SSIENR = 0; /* the SSI can only be configured while disabled */
    SSI_BAUDR = SCK_DIVIDER;
    SSI_CTRLR0 = CTRLR0_DFS_32(32u) | CTRLR0_TMOD_EEPROM_READ;
    SSI_CTRLR1 = 0; /* one data frame per transfer */
    SSI_SPI_CTRLR0 = SPI_CTRLR0_XIP_CMD(W25Q_READ) | SPI_CTRLR0_INST_L_8 | SPI_CTRLR0_ADDR_L_24;
    SSI_SSIENR = 1; /* from here, reads of 0x10000000.. are flash reads */

    const volatile uint32_t *vectors = (const volatile uint32_t *)MAIN_VECTORS;
    VTOR = MAIN_VECTORS;
    __asm__ volatile("msr msp, %0\n\tbx %1" : : "r"(vectors[0]), "r"(vectors[1]) : "memory");
    __builtin_unreachable();
}
