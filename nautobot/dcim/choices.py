"""Enumerations of the DCIM models (stored values are the original's, so API clients see the same)."""

from django.db import models


class RackTypeChoices(models.TextChoices):
    TYPE_2POST = "2-post-frame", "2-post frame"
    TYPE_4POST = "4-post-frame", "4-post frame"
    TYPE_CABINET = "4-post-cabinet", "4-post cabinet"
    TYPE_WALLFRAME = "wall-frame", "Wall-mounted frame"
    TYPE_WALLCABINET = "wall-cabinet", "Wall-mounted cabinet"


class RackWidthChoices(models.IntegerChoices):
    WIDTH_10IN = 10, "10 inches"
    WIDTH_19IN = 19, "19 inches"
    WIDTH_21IN = 21, "21 inches"
    WIDTH_23IN = 23, "23 inches"


class RackDimensionUnitChoices(models.TextChoices):
    UNIT_MILLIMETER = "mm", "Millimeters"
    UNIT_INCH = "in", "Inches"


class DeviceFaceChoices(models.TextChoices):
    FACE_FRONT = "front", "Front"
    FACE_REAR = "rear", "Rear"


class SubdeviceRoleChoices(models.TextChoices):
    ROLE_PARENT = "parent", "Parent"
    ROLE_CHILD = "child", "Child"


class ConsolePortTypeChoices(models.TextChoices):
    TYPE_DE9 = "de-9", "DE-9"
    TYPE_DB25 = "db-25", "DB-25"
    TYPE_RJ11 = "rj-11", "RJ-11"
    TYPE_RJ12 = "rj-12", "RJ-12"
    TYPE_RJ45 = "rj-45", "RJ-45"
    TYPE_MINI_DIN_8 = "mini-din-8", "Mini-DIN 8"
    TYPE_USB_A = "usb-a", "USB Type A"
    TYPE_USB_B = "usb-b", "USB Type B"
    TYPE_USB_C = "usb-c", "USB Type C"
    TYPE_USB_MINI_A = "usb-mini-a", "USB Mini A"
    TYPE_USB_MINI_B = "usb-mini-b", "USB Mini B"
    TYPE_USB_MICRO_A = "usb-micro-a", "USB Micro A"
    TYPE_USB_MICRO_B = "usb-micro-b", "USB Micro B"
    TYPE_OTHER = "other", "Other"


class PowerPortTypeChoices(models.TextChoices):
    TYPE_IEC_C6 = "iec-60320-c6", "C6"
    TYPE_IEC_C8 = "iec-60320-c8", "C8"
    TYPE_IEC_C14 = "iec-60320-c14", "C14"
    TYPE_IEC_C16 = "iec-60320-c16", "C16"
    TYPE_IEC_C20 = "iec-60320-c20", "C20"
    TYPE_NEMA_515P = "nema-5-15p", "NEMA 5-15P"
    TYPE_NEMA_520P = "nema-5-20p", "NEMA 5-20P"
    TYPE_NEMA_L520P = "nema-l5-20p", "NEMA L5-20P"
    TYPE_NEMA_L530P = "nema-l5-30p", "NEMA L5-30P"
    TYPE_NEMA_L620P = "nema-l6-20p", "NEMA L6-20P"
    TYPE_NEMA_L630P = "nema-l6-30p", "NEMA L6-30P"
    TYPE_CS6361C = "cs6361c", "CS6361C"
    TYPE_USB_C = "usb-c", "USB Type C"
    TYPE_DC = "dc-terminal", "DC Terminal"
    TYPE_HARDWIRED = "hardwired", "Hardwired"


class PowerOutletTypeChoices(models.TextChoices):
    TYPE_IEC_C5 = "iec-60320-c5", "C5"
    TYPE_IEC_C7 = "iec-60320-c7", "C7"
    TYPE_IEC_C13 = "iec-60320-c13", "C13"
    TYPE_IEC_C15 = "iec-60320-c15", "C15"
    TYPE_IEC_C19 = "iec-60320-c19", "C19"
    TYPE_NEMA_515R = "nema-5-15r", "NEMA 5-15R"
    TYPE_NEMA_520R = "nema-5-20r", "NEMA 5-20R"
    TYPE_NEMA_L520R = "nema-l5-20r", "NEMA L5-20R"
    TYPE_NEMA_L530R = "nema-l5-30r", "NEMA L5-30R"
    TYPE_NEMA_L620R = "nema-l6-20r", "NEMA L6-20R"
    TYPE_NEMA_L630R = "nema-l6-30r", "NEMA L6-30R"
    TYPE_USB_A = "usb-a", "USB Type A"
    TYPE_USB_C = "usb-c", "USB Type C"
    TYPE_DC = "dc-terminal", "DC Terminal"
    TYPE_HARDWIRED = "hardwired", "Hardwired"


class PowerOutletFeedLegChoices(models.TextChoices):
    FEED_LEG_A = "A", "A"
    FEED_LEG_B = "B", "B"
    FEED_LEG_C = "C", "C"


class InterfaceTypeChoices(models.TextChoices):
    TYPE_VIRTUAL = "virtual", "Virtual"
    TYPE_BRIDGE = "bridge", "Bridge"
    TYPE_LAG = "lag", "Link Aggregation Group (LAG)"
    TYPE_100ME_FIXED = "100base-tx", "100BASE-TX (10/100ME)"
    TYPE_1GE_FIXED = "1000base-t", "1000BASE-T (1GE)"
    TYPE_1GE_GBIC = "1000base-x-gbic", "GBIC (1GE)"
    TYPE_1GE_SFP = "1000base-x-sfp", "SFP (1GE)"
    TYPE_2GE_FIXED = "2.5gbase-t", "2.5GBASE-T (2.5GE)"
    TYPE_5GE_FIXED = "5gbase-t", "5GBASE-T (5GE)"
    TYPE_10GE_FIXED = "10gbase-t", "10GBASE-T (10GE)"
    TYPE_10GE_CX4 = "10gbase-cx4", "10GBASE-CX4 (10GE)"
    TYPE_10GE_SFP_PLUS = "10gbase-x-sfpp", "SFP+ (10GE)"
    TYPE_10GE_XFP = "10gbase-x-xfp", "XFP (10GE)"
    TYPE_10GE_XENPAK = "10gbase-x-xenpak", "XENPAK (10GE)"
    TYPE_10GE_X2 = "10gbase-x-x2", "X2 (10GE)"
    TYPE_25GE_SFP28 = "25gbase-x-sfp28", "SFP28 (25GE)"
    TYPE_50GE_SFP56 = "50gbase-x-sfp56", "SFP56 (50GE)"
    TYPE_40GE_QSFP_PLUS = "40gbase-x-qsfpp", "QSFP+ (40GE)"
    TYPE_50GE_QSFP28 = "50gbase-x-sfp28", "QSFP28 (50GE)"
    TYPE_100GE_CFP = "100gbase-x-cfp", "CFP (100GE)"
    TYPE_100GE_CFP2 = "100gbase-x-cfp2", "CFP2 (100GE)"
    TYPE_100GE_CFP4 = "100gbase-x-cfp4", "CFP4 (100GE)"
    TYPE_100GE_CPAK = "100gbase-x-cpak", "Cisco CPAK (100GE)"
    TYPE_100GE_QSFP28 = "100gbase-x-qsfp28", "QSFP28 (100GE)"
    TYPE_200GE_CFP2 = "200gbase-x-cfp2", "CFP2 (200GE)"
    TYPE_200GE_QSFP56 = "200gbase-x-qsfp56", "QSFP56 (200GE)"
    TYPE_400GE_QSFP_DD = "400gbase-x-qsfpdd", "QSFP-DD (400GE)"
    TYPE_400GE_OSFP = "400gbase-x-osfp", "OSFP (400GE)"
    TYPE_80211A = "ieee802.11a", "IEEE 802.11a"
    TYPE_80211G = "ieee802.11g", "IEEE 802.11b/g"
    TYPE_80211N = "ieee802.11n", "IEEE 802.11n"
    TYPE_80211AC = "ieee802.11ac", "IEEE 802.11ac"
    TYPE_80211AD = "ieee802.11ad", "IEEE 802.11ad"
    TYPE_80211AX = "ieee802.11ax", "IEEE 802.11ax"
    TYPE_GSM = "gsm", "GSM"
    TYPE_CDMA = "cdma", "CDMA"
    TYPE_LTE = "lte", "LTE"
    TYPE_SONET_OC3 = "sonet-oc3", "OC-3/STM-1"
    TYPE_SONET_OC12 = "sonet-oc12", "OC-12/STM-4"
    TYPE_SONET_OC48 = "sonet-oc48", "OC-48/STM-16"
    TYPE_SONET_OC192 = "sonet-oc192", "OC-192/STM-64"
    TYPE_1GFC_SFP = "1gfc-sfp", "SFP (1GFC)"
    TYPE_2GFC_SFP = "2gfc-sfp", "SFP (2GFC)"
    TYPE_4GFC_SFP = "4gfc-sfp", "SFP (4GFC)"
    TYPE_8GFC_SFP_PLUS = "8gfc-sfpp", "SFP+ (8GFC)"
    TYPE_16GFC_SFP_PLUS = "16gfc-sfpp", "SFP+ (16GFC)"
    TYPE_32GFC_SFP28 = "32gfc-sfp28", "SFP28 (32GFC)"
    TYPE_T1 = "t1", "T1 (1.544 Mbps)"
    TYPE_E1 = "e1", "E1 (2.048 Mbps)"
    TYPE_T3 = "t3", "T3 (45 Mbps)"
    TYPE_E3 = "e3", "E3 (34 Mbps)"
    TYPE_DOCSIS = "docsis", "DOCSIS"
    TYPE_GPON = "gpon", "GPON (2.5 Gbps / 1.25 Gps)"
    TYPE_XGS_PON = "xgs-pon", "XGS-PON (10 Gbps)"
    TYPE_CISCO_STACKWISE = "cisco-stackwise", "Cisco StackWise"
    TYPE_CISCO_STACKWISE_PLUS = "cisco-stackwise-plus", "Cisco StackWise Plus"
    TYPE_CISCO_FLEXSTACK = "cisco-flexstack", "Cisco FlexStack"
    TYPE_CISCO_FLEXSTACK_PLUS = "cisco-flexstack-plus", "Cisco FlexStack Plus"
    TYPE_JUNIPER_VCP = "juniper-vcp", "Juniper VCP"
    TYPE_SUMMITSTACK = "extreme-summitstack", "Extreme SummitStack"
    TYPE_OTHER = "other", "Other"


VIRTUAL_INTERFACE_TYPES = {InterfaceTypeChoices.TYPE_VIRTUAL, InterfaceTypeChoices.TYPE_BRIDGE, InterfaceTypeChoices.TYPE_LAG}
WIRELESS_INTERFACE_TYPES = {t for t in InterfaceTypeChoices.values if t.startswith("ieee802.11")}


class InterfaceModeChoices(models.TextChoices):
    MODE_ACCESS = "access", "Access"
    MODE_TAGGED = "tagged", "Tagged"
    MODE_TAGGED_ALL = "tagged-all", "Tagged (All)"


class PortTypeChoices(models.TextChoices):
    TYPE_8P8C = "8p8c", "8P8C"
    TYPE_8P6C = "8p6c", "8P6C"
    TYPE_8P4C = "8p4c", "8P4C"
    TYPE_8P2C = "8p2c", "8P2C"
    TYPE_110_PUNCH = "110-punch", "110 Punch"
    TYPE_BNC = "bnc", "BNC"
    TYPE_MRJ21 = "mrj21", "MRJ21"
    TYPE_FC = "fc", "FC"
    TYPE_LC = "lc", "LC"
    TYPE_LC_APC = "lc-apc", "LC/APC"
    TYPE_LSH = "lsh", "LSH"
    TYPE_LSH_APC = "lsh-apc", "LSH/APC"
    TYPE_MPO = "mpo", "MPO"
    TYPE_MTRJ = "mtrj", "MTRJ"
    TYPE_SC = "sc", "SC"
    TYPE_SC_APC = "sc-apc", "SC/APC"
    TYPE_ST = "st", "ST"
    TYPE_CS = "cs", "CS"
    TYPE_SN = "sn", "SN"
    TYPE_SPLICE = "splice", "Splice"
    TYPE_OTHER = "other", "Other"


class CableTypeChoices(models.TextChoices):
    TYPE_CAT3 = "cat3", "CAT3"
    TYPE_CAT5 = "cat5", "CAT5"
    TYPE_CAT5E = "cat5e", "CAT5e"
    TYPE_CAT6 = "cat6", "CAT6"
    TYPE_CAT6A = "cat6a", "CAT6a"
    TYPE_CAT7 = "cat7", "CAT7"
    TYPE_CAT7A = "cat7a", "CAT7a"
    TYPE_CAT8 = "cat8", "CAT8"
    TYPE_DAC_ACTIVE = "dac-active", "Direct Attach Copper (Active)"
    TYPE_DAC_PASSIVE = "dac-passive", "Direct Attach Copper (Passive)"
    TYPE_MRJ21_TRUNK = "mrj21-trunk", "MRJ21 Trunk"
    TYPE_COAXIAL = "coaxial", "Coaxial"
    TYPE_MMF = "mmf", "Multimode Fiber"
    TYPE_MMF_OM1 = "mmf-om1", "Multimode Fiber (OM1)"
    TYPE_MMF_OM2 = "mmf-om2", "Multimode Fiber (OM2)"
    TYPE_MMF_OM3 = "mmf-om3", "Multimode Fiber (OM3)"
    TYPE_MMF_OM4 = "mmf-om4", "Multimode Fiber (OM4)"
    TYPE_SMF = "smf", "Singlemode Fiber"
    TYPE_SMF_OS1 = "smf-os1", "Singlemode Fiber (OS1)"
    TYPE_SMF_OS2 = "smf-os2", "Singlemode Fiber (OS2)"
    TYPE_AOC = "aoc", "Active Optical Cabling (AOC)"
    TYPE_POWER = "power", "Power"
    TYPE_OTHER = "other", "Other"


class CableLengthUnitChoices(models.TextChoices):
    UNIT_METER = "m", "Meters"
    UNIT_CENTIMETER = "cm", "Centimeters"
    UNIT_FOOT = "ft", "Feet"
    UNIT_INCH = "in", "Inches"


class PowerFeedTypeChoices(models.TextChoices):
    TYPE_PRIMARY = "primary", "Primary"
    TYPE_REDUNDANT = "redundant", "Redundant"


class PowerFeedSupplyChoices(models.TextChoices):
    SUPPLY_AC = "ac", "AC"
    SUPPLY_DC = "dc", "DC"


class PowerFeedPhaseChoices(models.TextChoices):
    PHASE_SINGLE = "single-phase", "Single phase"
    PHASE_3PHASE = "three-phase", "Three-phase"


# Interfaces that have no physical port to plug a cable into.
NON_CONNECTABLE_INTERFACE_TYPES = VIRTUAL_INTERFACE_TYPES | WIRELESS_INTERFACE_TYPES
