/*
 * hidapi-shim.c — an LD_PRELOAD stand-in for hidapi that presents keyslot's virtual token as one
 * USB HID device. Programs that call hidapi through the dynamic linker (libnitrokey.so.3 via
 * libhidapi-libusb.so.0, node-hid's HID.node, whose bundled hidapi is reached through its PLT)
 * then talk to the virtual token instead of /dev/hidraw*.
 *
 * Build: cc -shared -fPIC -O2 -Wall -Wextra -o build/hidapi-shim.so native/hidapi-shim.c -lpthread
 * Use:   LD_PRELOAD=build/hidapi-shim.so KEYSLOT_VIRTUAL_SOCKET=/path/to.sock <program>
 *
 * ABI: struct hid_device_info and the function list follow the protocol reference §10
 * (hidapi 0.13.1 / 0.14.0; 0.15 adds hid_send_output_report and hid_read_error, which node-hid 3
 * imports, so they are here too).
 *
 * ---------------------------------------------------------------------------------------------
 * Bridge socket protocol (mirrored in device/virtual/bridge-protocol.ts; change both together)
 * ---------------------------------------------------------------------------------------------
 * Transport: a Unix stream socket at $KEYSLOT_VIRTUAL_SOCKET, served by device/virtual/serve.ts.
 * One connection per open hid_device (plus a short-lived one per hid_enumerate). Every request is
 * 1 op byte + a fixed body; every reply is 1 status byte + a fixed body, so both sides read exact
 * byte counts. Requests on one connection are answered in order.
 *
 *   op   name         request body        reply (after the status byte)
 *   0x01 INFO         -                   205 bytes, layout below (status 0 or 1)
 *   0x02 SET_FEATURE  64 bytes R[0..63]   -
 *   0x03 GET_FEATURE  -                   64 bytes R[0..63] (zeros unless status 0)
 *   0x04 WRITE_OUTPUT 64 bytes            -   (output report; CTAPHID devices, usage page 0xF1D0)
 *   0x05 READ_INPUT   -                   64 bytes (input report); status 3 NO_DATA: none queued yet
 *   0x10 UNPLUG       -                   -   control ops, sent by Node tests only
 *   0x11 PLUG         -                   -
 *   0x12 POWER_CYCLE  -                   -
 *
 *   status: 0 OK; 1 UNPLUGGED (token unplugged, or this connection was opened before the token was
 *   last unplugged / power-cycled, like a hidraw fd after re-attach); 2 ERROR (anything else);
 *   3 NO_DATA (READ_INPUT only: the server never waits; the shim polls until the read's timeout).
 *   Devices on the FIDO usage page 0xF1D0 (the virtual Nitrokey 3) use WRITE_OUTPUT/READ_INPUT for
 *   hid_write/hid_read; others keep the Pro's behaviour (output reports ignored, no input reports).
 *   An unknown op gets status 2 and the server closes the connection.
 *
 *   INFO body (little-endian): u8 isPlugged, u16 vendorId, u16 productId, u16 releaseNumber,
 *   u16 usagePage, u16 usage, u8 interfaceNumber, u8 reserved, then manufacturer[64],
 *   product[64], serial[64] as UTF-8, NUL-padded (at most 63 bytes used).
 * ---------------------------------------------------------------------------------------------
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define EXPORT __attribute__((visibility("default")))

enum { OP_INFO = 0x01, OP_SET_FEATURE = 0x02, OP_GET_FEATURE = 0x03, OP_WRITE_OUTPUT = 0x04, OP_READ_INPUT = 0x05 };
enum { ST_OK = 0, ST_UNPLUGGED = 1, ST_ERROR = 2, ST_NO_DATA = 3 };
#define FIDO_USAGE_PAGE 0xF1D0
enum { REPORT = 64, STR_FIELD = 64, INFO_BODY = 13 + 3 * STR_FIELD };
#define PATH_PREFIX "keyslot-virtual:"
#define IO_TIMEOUT_S 10
#define ERR_LEN 256

typedef enum { HID_API_BUS_UNKNOWN = 0, HID_API_BUS_USB = 1 } hid_bus_type;

struct hid_device_info {
    char *path;
    unsigned short vendor_id;
    unsigned short product_id;
    wchar_t *serial_number;
    unsigned short release_number;
    wchar_t *manufacturer_string;
    wchar_t *product_string;
    unsigned short usage_page;
    unsigned short usage;
    int interface_number;
    struct hid_device_info *next;
    hid_bus_type bus_type;
};

struct hid_api_version { int major, minor, patch; };

typedef struct hid_device_ {
    int fd;
    int is_dead;
    int nonblocking;
    struct hid_device_info *info;
    wchar_t error[ERR_LEN];
} hid_device;

/* One mutex for everything: libnitrokey serialises anyway; node-hid calls from worker threads. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static wchar_t global_error[ERR_LEN] = L"Success";
static const struct hid_api_version version = { 0, 15, 0 };

static void set_error(wchar_t *buf, const char *fmt, ...) {
    char tmp[ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    size_t i = 0;
    for (; tmp[i] && i < ERR_LEN - 1; i++) buf[i] = (wchar_t)(unsigned char)tmp[i];
    buf[i] = 0;
}

static const char *socket_path(void) {
    const char *p = getenv("KEYSLOT_VIRTUAL_SOCKET");
    return p && *p ? p : NULL;
}

static int write_all(int fd, const unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, buf, n, MSG_NOSIGNAL); /* no SIGPIPE if the server went away */
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t r = recv(fd, buf, n, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        buf += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Connects to the bridge; -1 with `err` filled if the variable is unset or nobody listens. */
static int bridge_connect(wchar_t *err) {
    const char *path = socket_path();
    if (!path) { set_error(err, "KEYSLOT_VIRTUAL_SOCKET is not set: no virtual token"); return -1; }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) { set_error(err, "socket path too long: %s", path); return -1; }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) { set_error(err, "socket: %s", strerror(errno)); return -1; }
    struct timeval tv = { IO_TIMEOUT_S, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        set_error(err, "No such device (no virtual token at %s: %s)", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* Sends op + body, reads status + reply body. Returns the status, or -1 on an I/O failure. */
static int bridge_call(int fd, unsigned char op, const unsigned char *body, size_t body_len,
                       unsigned char *reply, size_t reply_len, wchar_t *err) {
    unsigned char req[1 + REPORT];
    req[0] = op;
    if (body_len) memcpy(req + 1, body, body_len);
    unsigned char status;
    if (write_all(fd, req, 1 + body_len) < 0 || read_all(fd, &status, 1) < 0 ||
        (reply_len && read_all(fd, reply, reply_len) < 0)) {
        set_error(err, "No such device (virtual token bridge: %s)", errno ? strerror(errno) : "connection closed");
        return -1;
    }
    return status;
}

static wchar_t *utf8_to_wide(const unsigned char *s, size_t max) {
    wchar_t *out = calloc(max + 1, sizeof(wchar_t));
    if (!out) return NULL;
    size_t i = 0, o = 0;
    while (i < max && s[i]) {
        unsigned c = s[i], extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        uint32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0f : extra == 1 ? c & 0x1f : c;
        i++;
        for (unsigned k = 0; k < extra && i < max && (s[i] & 0xc0) == 0x80; k++, i++) cp = (cp << 6) | (s[i] & 0x3f);
        out[o++] = (wchar_t)cp;
    }
    return out;
}

static unsigned short u16le(const unsigned char *p) { return (unsigned short)(p[0] | (p[1] << 8)); }

static void free_info(struct hid_device_info *d) {
    while (d) {
        struct hid_device_info *next = d->next;
        free(d->path);
        free(d->serial_number);
        free(d->manufacturer_string);
        free(d->product_string);
        free(d);
        d = next;
    }
}

/* Asks for INFO on `fd`; returns a new hid_device_info, or NULL (unplugged or error, `err` set). */
static struct hid_device_info *query_info(int fd, wchar_t *err) {
    unsigned char b[INFO_BODY];
    int st = bridge_call(fd, OP_INFO, NULL, 0, b, sizeof b, err);
    if (st < 0) return NULL;
    if (st != ST_OK || !b[0]) { set_error(err, "No such device (the virtual token is unplugged)"); return NULL; }
    struct hid_device_info *d = calloc(1, sizeof *d);
    const char *sock = socket_path();
    if (!d) return NULL;
    d->path = malloc(strlen(PATH_PREFIX) + strlen(sock) + 1);
    if (d->path) { strcpy(d->path, PATH_PREFIX); strcat(d->path, sock); }
    d->vendor_id = u16le(b + 1);
    d->product_id = u16le(b + 3);
    d->release_number = u16le(b + 5);
    d->usage_page = u16le(b + 7);
    d->usage = u16le(b + 9);
    d->interface_number = b[11];
    d->manufacturer_string = utf8_to_wide(b + 13, STR_FIELD);
    d->product_string = utf8_to_wide(b + 13 + STR_FIELD, STR_FIELD);
    d->serial_number = utf8_to_wide(b + 13 + 2 * STR_FIELD, STR_FIELD);
    d->bus_type = HID_API_BUS_USB;
    if (!d->path || !d->manufacturer_string || !d->product_string || !d->serial_number) {
        free_info(d);
        set_error(err, "out of memory");
        return NULL;
    }
    return d;
}

static int matches(const struct hid_device_info *d, unsigned short vid, unsigned short pid) {
    return (vid == 0 || d->vendor_id == vid) && (pid == 0 || d->product_id == pid);
}

EXPORT int hid_init(void) { return 0; }

/* Keeps nothing global to tear down, so libnitrokey can hid_exit and open again. */
EXPORT int hid_exit(void) { return 0; }

EXPORT struct hid_device_info *hid_enumerate(unsigned short vendor_id, unsigned short product_id) {
    pthread_mutex_lock(&lock);
    struct hid_device_info *d = NULL;
    int fd = bridge_connect(global_error);
    if (fd >= 0) {
        d = query_info(fd, global_error);
        close(fd);
        if (d && !matches(d, vendor_id, product_id)) { free_info(d); d = NULL; }
    }
    pthread_mutex_unlock(&lock);
    return d;
}

EXPORT void hid_free_enumeration(struct hid_device_info *devs) { free_info(devs); }

/* Opens a fresh connection and checks the token is plugged and matches; caller holds the lock. */
static hid_device *open_matching(unsigned short vid, unsigned short pid, const wchar_t *serial) {
    int fd = bridge_connect(global_error);
    if (fd < 0) return NULL;
    struct hid_device_info *d = query_info(fd, global_error);
    if (!d || !matches(d, vid, pid) || (serial && wcscmp(serial, d->serial_number) != 0)) {
        if (d) set_error(global_error, "No such device (no virtual token matches)");
        free_info(d);
        close(fd);
        return NULL;
    }
    hid_device *dev = calloc(1, sizeof *dev);
    if (!dev) { free_info(d); close(fd); set_error(global_error, "out of memory"); return NULL; }
    dev->fd = fd;
    dev->info = d;
    set_error(dev->error, "Success");
    set_error(global_error, "Success");
    return dev;
}

EXPORT hid_device *hid_open(unsigned short vendor_id, unsigned short product_id, const wchar_t *serial_number) {
    pthread_mutex_lock(&lock);
    hid_device *dev = open_matching(vendor_id, product_id, serial_number);
    pthread_mutex_unlock(&lock);
    return dev;
}

EXPORT hid_device *hid_open_path(const char *path) {
    pthread_mutex_lock(&lock);
    hid_device *dev = NULL;
    const char *sock = socket_path();
    size_t n = strlen(PATH_PREFIX);
    if (path && sock && strncmp(path, PATH_PREFIX, n) == 0 && strcmp(path + n, sock) == 0) {
        dev = open_matching(0, 0, NULL);
    } else {
        set_error(global_error, "No such device (not a virtual token path: %s)", path ? path : "(null)");
    }
    pthread_mutex_unlock(&lock);
    return dev;
}

EXPORT void hid_close(hid_device *dev) {
    if (!dev) return;
    pthread_mutex_lock(&lock);
    if (dev->fd >= 0) close(dev->fd);
    free_info(dev->info);
    free(dev);
    pthread_mutex_unlock(&lock);
}

/* One report round trip on an open handle; caller holds the lock. Returns the status or -1. */
static int device_call(hid_device *dev, unsigned char op, const unsigned char *body, size_t body_len,
                       unsigned char *reply, size_t reply_len) {
    if (dev->is_dead) { set_error(dev->error, "No such device (the virtual token was unplugged)"); return -1; }
    int st = bridge_call(dev->fd, op, body, body_len, reply, reply_len, dev->error);
    if (st == ST_OK) return st;
    if (st == ST_UNPLUGGED) set_error(dev->error, "No such device (the virtual token was unplugged)");
    else if (st == ST_ERROR) set_error(dev->error, "Protocol error (the virtual token bridge could not handle the request)");
    if (st != ST_ERROR) dev->is_dead = 1; /* a vanished hidraw fd never comes back either */
    return -1;
}

EXPORT int hid_send_feature_report(hid_device *dev, const unsigned char *data, size_t length) {
    if (!dev || !data || length < 1) return -1;
    pthread_mutex_lock(&lock);
    int ret = -1;
    if (data[0] != 0) {
        set_error(dev->error, "Invalid argument (the token's report descriptor has no report ids)");
    } else {
        /* hidapi strips report id 0; a short buffer is zero-padded to the 64-byte feature report. */
        unsigned char r[REPORT] = { 0 };
        size_t n = length - 1 > REPORT ? REPORT : length - 1;
        memcpy(r, data + 1, n);
        if (device_call(dev, OP_SET_FEATURE, r, REPORT, NULL, 0) == ST_OK) ret = (int)length;
    }
    pthread_mutex_unlock(&lock);
    return ret;
}

EXPORT int hid_get_feature_report(hid_device *dev, unsigned char *data, size_t length) {
    if (!dev || !data || length < 1) return -1;
    pthread_mutex_lock(&lock);
    int ret = -1;
    unsigned char r[REPORT];
    if (data[0] != 0) {
        set_error(dev->error, "Invalid argument (the token's report descriptor has no report ids)");
    } else if (device_call(dev, OP_GET_FEATURE, NULL, 0, r, REPORT) == ST_OK) {
        size_t n = length - 1 > REPORT ? REPORT : length - 1;
        memcpy(data + 1, r, n);
        ret = (int)n + 1;
    }
    pthread_mutex_unlock(&lock);
    return ret;
}

/* Output reports: the firmware ignores them; accept while the token is present (INFO as a probe). */
static int write_output(hid_device *dev, size_t length) {
    if (!dev) return -1;
    pthread_mutex_lock(&lock);
    unsigned char b[INFO_BODY];
    int st = device_call(dev, OP_INFO, NULL, 0, b, sizeof b);
    int ret = st == ST_OK && b[0] ? (int)length : -1;
    if (st == ST_OK && !b[0]) { dev->is_dead = 1; set_error(dev->error, "No such device (the virtual token was unplugged)"); }
    pthread_mutex_unlock(&lock);
    return ret;
}

static int is_fido(const hid_device *dev) { return dev && dev->info && dev->info->usage_page == FIDO_USAGE_PAGE; }

/* CTAPHID devices: the output report goes to the bridge (report id 0 stripped, zero-padded to 64). */
static int write_fido(hid_device *dev, const unsigned char *data, size_t length) {
    if (!data || length < 1) return -1;
    pthread_mutex_lock(&lock);
    int ret = -1;
    if (data[0] != 0) {
        set_error(dev->error, "Invalid argument (the token's report descriptor has no report ids)");
    } else {
        unsigned char r[REPORT] = { 0 };
        size_t n = length - 1 > REPORT ? REPORT : length - 1;
        memcpy(r, data + 1, n);
        if (device_call(dev, OP_WRITE_OUTPUT, r, REPORT, NULL, 0) == ST_OK) ret = (int)length;
    }
    pthread_mutex_unlock(&lock);
    return ret;
}

/* CTAPHID devices: polls READ_INPUT every 2 ms until a report comes or `ms` pass (ms < 0: forever). */
static int read_fido(hid_device *dev, unsigned char *data, size_t length, int ms) {
    struct timespec start, now, pause = { 0, 2000000L };
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        unsigned char r[REPORT];
        pthread_mutex_lock(&lock);
        int st = dev->is_dead ? -1 : bridge_call(dev->fd, OP_READ_INPUT, NULL, 0, r, REPORT, dev->error);
        if (st == ST_OK) {
            size_t n = length > REPORT ? REPORT : length;
            memcpy(data, r, n);
            pthread_mutex_unlock(&lock);
            return (int)n;
        }
        if (st != ST_NO_DATA) {
            if (st == ST_UNPLUGGED || st < 0) { dev->is_dead = 1; set_error(dev->error, "No such device (the virtual token was unplugged)"); }
            pthread_mutex_unlock(&lock);
            return -1;
        }
        pthread_mutex_unlock(&lock);
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000L + (now.tv_nsec - start.tv_nsec) / 1000000L;
        if (ms >= 0 && elapsed >= ms) return 0;
        nanosleep(&pause, NULL);
    }
}

EXPORT int hid_write(hid_device *dev, const unsigned char *data, size_t length) {
    if (is_fido(dev)) return write_fido(dev, data, length);
    (void)data; return write_output(dev, length);
}
EXPORT int hid_send_output_report(hid_device *dev, const unsigned char *data, size_t length) {
    if (is_fido(dev)) return write_fido(dev, data, length);
    (void)data; return write_output(dev, length);
}

/* The Pro's protocol uses no input reports: reads time out with 0 bytes (or fail once the handle died). */
EXPORT int hid_read_timeout(hid_device *dev, unsigned char *data, size_t length, int milliseconds) {
    if (!dev) return -1;
    if (dev->is_dead) return -1;
    if (is_fido(dev) && data && length > 0) return read_fido(dev, data, length, milliseconds);
    int ms = milliseconds < 0 ? 1000 : milliseconds;
    if (ms > 0) {
        struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    return 0;
}

EXPORT int hid_read(hid_device *dev, unsigned char *data, size_t length) {
    return hid_read_timeout(dev, data, length, is_fido(dev) && !dev->nonblocking ? -1 : 0);
}

EXPORT int hid_set_nonblocking(hid_device *dev, int nonblock) {
    if (!dev) return -1;
    dev->nonblocking = nonblock;
    return 0;
}

EXPORT int hid_get_input_report(hid_device *dev, unsigned char *data, size_t length) {
    (void)data; (void)length;
    if (!dev) return -1;
    pthread_mutex_lock(&lock);
    set_error(dev->error, "Operation not supported (the virtual token has no input reports to fetch)");
    pthread_mutex_unlock(&lock);
    return -1;
}

static int copy_wide(hid_device *dev, const wchar_t *src, wchar_t *string, size_t maxlen) {
    if (!dev || !string || maxlen == 0) return -1;
    wcsncpy(string, src ? src : L"", maxlen);
    string[maxlen - 1] = 0;
    return 0;
}

EXPORT int hid_get_manufacturer_string(hid_device *dev, wchar_t *string, size_t maxlen) {
    return copy_wide(dev, dev ? dev->info->manufacturer_string : NULL, string, maxlen);
}
EXPORT int hid_get_product_string(hid_device *dev, wchar_t *string, size_t maxlen) {
    return copy_wide(dev, dev ? dev->info->product_string : NULL, string, maxlen);
}
EXPORT int hid_get_serial_number_string(hid_device *dev, wchar_t *string, size_t maxlen) {
    return copy_wide(dev, dev ? dev->info->serial_number : NULL, string, maxlen);
}

/* String indices as a USB device would number them: 1 manufacturer, 2 product, 3 serial. */
EXPORT int hid_get_indexed_string(hid_device *dev, int string_index, wchar_t *string, size_t maxlen) {
    if (!dev) return -1;
    const wchar_t *s = string_index == 1 ? dev->info->manufacturer_string
                     : string_index == 2 ? dev->info->product_string
                     : string_index == 3 ? dev->info->serial_number : NULL;
    if (!s) { set_error(dev->error, "Invalid argument (no string with index %d)", string_index); return -1; }
    return copy_wide(dev, s, string, maxlen);
}

EXPORT struct hid_device_info *hid_get_device_info(hid_device *dev) { return dev ? dev->info : NULL; }

/* Vendor page 0xFF00 usage 1; 64-byte input, output and feature reports; no report ids (§1.2). */
static const unsigned char report_descriptor[] = {
    0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08,
    0x95, 0x40, 0x09, 0x01, 0x81, 0x02, 0x95, 0x40, 0x09, 0x01, 0x91, 0x02,
    0x95, 0x40, 0x09, 0x01, 0xb1, 0x02, 0xc0,
};

/* FIDO page 0xF1D0 usage 1; 64-byte input (usage 3) and output (usage 4) reports, as usbd-ctaphid (NK3 §2.1). */
static const unsigned char fido_report_descriptor[] = {
    0x06, 0xd0, 0xf1, 0x09, 0x01, 0xa1, 0x01, 0x09, 0x03, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08,
    0x95, 0x40, 0x81, 0x08, 0x09, 0x04, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x40, 0x91,
    0x08, 0xc0,
};

EXPORT int hid_get_report_descriptor(hid_device *dev, unsigned char *buf, size_t buf_size) {
    if (!dev || !buf) return -1;
    const unsigned char *d = is_fido(dev) ? fido_report_descriptor : report_descriptor;
    size_t size = is_fido(dev) ? sizeof fido_report_descriptor : sizeof report_descriptor;
    size_t n = size < buf_size ? size : buf_size;
    memcpy(buf, d, n);
    return (int)n;
}

EXPORT const wchar_t *hid_error(hid_device *dev) { return dev ? dev->error : global_error; }
EXPORT const wchar_t *hid_read_error(hid_device *dev) { return dev ? dev->error : global_error; }

EXPORT const struct hid_api_version *hid_version(void) { return &version; }
EXPORT const char *hid_version_str(void) { return "0.15.0"; }

EXPORT hid_device *hid_libusb_wrap_sys_device(intptr_t sys_dev, int interface_num) {
    (void)sys_dev; (void)interface_num;
    pthread_mutex_lock(&lock);
    set_error(global_error, "Operation not supported (the virtual token has no libusb device)");
    pthread_mutex_unlock(&lock);
    return NULL;
}
